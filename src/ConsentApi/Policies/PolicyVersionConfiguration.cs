using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Policies;

public sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> builder)
    {
        builder.ToTable("policy_versions");
        builder.HasKey(p => new { p.Uri, p.Version }).HasName("policy_versions_pkey");
        builder.Property(p => p.Uri).HasColumnName("uri").HasMaxLength(256);
        builder.Property(p => p.Version).HasColumnName("version");
        builder.Property(p => p.DefinitionJson).HasColumnName("definition_json");
        builder.Property(p => p.PublishedTicks).HasColumnName("published_ticks");
    }
}
