using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring.Investigations;

public sealed class InvestigationVersionConfiguration : IEntityTypeConfiguration<InvestigationVersion>
{
    public void Configure(EntityTypeBuilder<InvestigationVersion> builder)
    {
        builder.ToTable("investigation_versions");
        builder.HasKey(v => new { v.FlagId, v.Version }).HasName("investigation_versions_pkey");
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
