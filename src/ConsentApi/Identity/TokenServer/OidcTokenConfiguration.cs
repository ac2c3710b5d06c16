using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace ConsentApi.Identity.TokenServer;

/// <summary>OpenIddict's token rows, in the registry's own table and column names.</summary>
public sealed class OidcTokenConfiguration : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreToken>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreToken> builder)
    {
        builder.ToTable("oidc_tokens");
        Persistence.SnakeCaseColumns.Apply(builder.Metadata);
    }
}
