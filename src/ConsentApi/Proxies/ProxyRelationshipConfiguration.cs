using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Proxies;

public sealed class ProxyRelationshipConfiguration : IEntityTypeConfiguration<ProxyRelationship>
{
    public void Configure(EntityTypeBuilder<ProxyRelationship> builder)
    {
        builder.ToTable("proxy_relationship_versions");
        builder.HasKey(p => new { p.Id, p.Version }).HasName("proxy_relationship_versions_pkey");
        builder.Property(p => p.Id).HasColumnName("id");
        builder.Property(p => p.Version).HasColumnName("version");
        builder.Property(p => p.ProxyNhsNumber).HasColumnName("proxy_nhs_number");
        builder.Property(p => p.SubjectNhsNumber).HasColumnName("subject_nhs_number");
        builder.Property(p => p.Kind).HasColumnName("kind");
        builder.Property(p => p.Status).HasColumnName("status");
        builder.Property(p => p.StartTicks).HasColumnName("start_ticks");
        builder.Property(p => p.EndTicks).HasColumnName("end_ticks");
        builder.Property(p => p.Evidence).HasColumnName("evidence");
        builder.Property(p => p.ChangedBy).HasColumnName("changed_by");
        builder.Property(p => p.RecordedTicks).HasColumnName("recorded_ticks");
    }
}
