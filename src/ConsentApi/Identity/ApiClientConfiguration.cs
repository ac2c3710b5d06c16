using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Identity;

public sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("api_client_versions");
        builder.HasKey(c => new { c.ClientId, c.Version }).HasName("api_client_versions_pkey");
        builder.Property(c => c.ClientId).HasColumnName("client_id");
        builder.Property(c => c.Version).HasColumnName("version");
        builder.Property(c => c.OdsCode).HasColumnName("ods_code");
        builder.Property(c => c.Name).HasColumnName("name");
        builder.Property(c => c.Jwks).HasColumnName("jwks");
        builder.Property(c => c.JwksUrl).HasColumnName("jwks_url");
        builder.Property(c => c.RedirectUris).HasColumnName("redirect_uris");
        builder.Property(c => c.Scopes).HasColumnName("scopes");
        builder.Property(c => c.Enabled).HasColumnName("enabled");
        builder.Property(c => c.RecordedTicks).HasColumnName("recorded_ticks");
        builder.Property(c => c.ChangedBy).HasColumnName("changed_by");
        builder.Ignore(c => c.AllowedScopes);
        builder.Ignore(c => c.RedirectUriList);
    }
}
