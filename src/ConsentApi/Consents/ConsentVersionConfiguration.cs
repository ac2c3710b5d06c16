using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Consents;

public sealed class ConsentVersionConfiguration : IEntityTypeConfiguration<ConsentVersion>
{
    public void Configure(EntityTypeBuilder<ConsentVersion> builder)
    {
        builder.ToTable("consent_versions");
        builder.HasKey(v => v.Seq).HasName("consent_versions_pkey");
        builder.Property(v => v.Seq).HasColumnName("seq").ValueGeneratedOnAdd();
        builder.Property(v => v.ResourceId).HasColumnName("resource_id").HasMaxLength(64);
        builder.Property(v => v.VersionId).HasColumnName("version_id");
        builder.Property(v => v.IsDeleted).HasColumnName("is_deleted");
        builder.Property(v => v.LastUpdatedTicks).HasColumnName("last_updated_ticks");
        builder.Property(v => v.Method).HasColumnName("method").HasMaxLength(8);
        builder.Property(v => v.ResourceJson).HasColumnName("resource_json");
        builder.Property(v => v.Status).HasColumnName("status").HasMaxLength(32);
        builder.Property(v => v.PatientNhsNumber).HasColumnName("patient_nhs_number").HasMaxLength(10);
        builder.Property(v => v.DateStart).HasColumnName("date_start");
        builder.Property(v => v.DateEnd).HasColumnName("date_end");
        builder.Property(v => v.PeriodStart).HasColumnName("period_start");
        builder.Property(v => v.PeriodEnd).HasColumnName("period_end");
        builder.HasIndex(v => new { v.ResourceId, v.VersionId }).IsUnique().HasDatabaseName("ux_consent_versions_resource_version");
        builder.HasIndex(v => new { v.ResourceId, v.Seq }).HasDatabaseName("ix_consent_versions_resource_seq");
        builder.HasIndex(v => v.PatientNhsNumber).HasDatabaseName("ix_consent_versions_patient");
        builder.HasIndex(v => v.LastUpdatedTicks).HasDatabaseName("ix_consent_versions_last_updated");
        builder.HasMany(v => v.Tokens).WithOne().HasForeignKey(t => t.VersionSeq);
        builder.HasMany(v => v.References).WithOne().HasForeignKey(r => r.VersionSeq);
    }
}
