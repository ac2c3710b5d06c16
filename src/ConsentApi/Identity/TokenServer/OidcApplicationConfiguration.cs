using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace ConsentApi.Identity.TokenServer;

/// <summary>OpenIddict's application rows: a mirror of each client's newest version (see <see cref="ClientApplications"/>).</summary>
public sealed class OidcApplicationConfiguration : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreApplication>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreApplication> builder)
    {
        builder.ToTable("oidc_applications");
        Persistence.SnakeCaseColumns.Apply(builder.Metadata);
    }
}
