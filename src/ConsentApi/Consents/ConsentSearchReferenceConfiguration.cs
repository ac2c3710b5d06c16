using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Consents;

public sealed class ConsentSearchReferenceConfiguration : IEntityTypeConfiguration<ConsentSearchReference>
{
    public void Configure(EntityTypeBuilder<ConsentSearchReference> builder)
    {
        builder.ToTable("consent_search_references");
        builder.HasKey(r => r.Id).HasName("consent_search_references_pkey");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.VersionSeq).HasColumnName("version_seq");
        builder.Property(r => r.Param).HasColumnName("param").HasMaxLength(32);
        builder.Property(r => r.TargetType).HasColumnName("target_type").HasMaxLength(64);
        builder.Property(r => r.TargetId).HasColumnName("target_id").HasMaxLength(64);
        builder.Property(r => r.Url).HasColumnName("url").HasMaxLength(512);
        builder.Property(r => r.IdentifierSystem).HasColumnName("identifier_system").HasMaxLength(256);
        builder.Property(r => r.IdentifierValue).HasColumnName("identifier_value").HasMaxLength(256);
        builder.HasIndex(r => new { r.Param, r.IdentifierValue, r.IdentifierSystem }).HasDatabaseName("ix_consent_search_refs_identifier");
        builder.HasIndex(r => new { r.Param, r.TargetId, r.TargetType }).HasDatabaseName("ix_consent_search_refs_target");
        builder.HasIndex(r => r.VersionSeq).HasDatabaseName("ix_consent_search_refs_version");
    }
}
