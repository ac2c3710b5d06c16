using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Consents;

public sealed class ConsentSearchTokenConfiguration : IEntityTypeConfiguration<ConsentSearchToken>
{
    public void Configure(EntityTypeBuilder<ConsentSearchToken> builder)
    {
        builder.ToTable("consent_search_tokens");
        builder.HasKey(t => t.Id).HasName("consent_search_tokens_pkey");
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(t => t.VersionSeq).HasColumnName("version_seq");
        builder.Property(t => t.Param).HasColumnName("param").HasMaxLength(32);
        builder.Property(t => t.System).HasColumnName("system").HasMaxLength(256);
        builder.Property(t => t.Code).HasColumnName("code").HasMaxLength(256);
        builder.Property(t => t.Text).HasColumnName("text").HasMaxLength(512);
        builder.HasIndex(t => new { t.Param, t.Code, t.System }).HasDatabaseName("ix_consent_search_tokens_param_code");
        builder.HasIndex(t => t.VersionSeq).HasDatabaseName("ix_consent_search_tokens_version");
    }
}
