using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace ConsentApi.Identity.TokenServer;

/// <summary>OpenIddict's scope rows, in the registry's own table and column names.</summary>
public sealed class OidcScopeConfiguration : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreScope>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreScope> builder)
    {
        builder.ToTable("oidc_scopes");
        Persistence.SnakeCaseColumns.Apply(builder.Metadata);
    }
}
