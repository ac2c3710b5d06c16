using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace ConsentApi.Identity.TokenServer;

/// <summary>OpenIddict's authorization rows, in the registry's own table and column names.</summary>
public sealed class OidcAuthorizationConfiguration : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreAuthorization>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreAuthorization> builder)
    {
        builder.ToTable("oidc_authorizations");
        Persistence.SnakeCaseColumns.Apply(builder.Metadata);
    }
}
