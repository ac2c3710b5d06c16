using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring.Detection;

public sealed class MonitoringFlagConfiguration : IEntityTypeConfiguration<MonitoringFlag>
{
    public void Configure(EntityTypeBuilder<MonitoringFlag> builder)
    {
        builder.ToTable("monitoring_flags");
        builder.HasKey(f => f.Id).HasName("monitoring_flags_pkey");
        builder.Property(f => f.Id).ValueGeneratedOnAdd();
        SnakeCaseColumns.Apply(builder.Metadata);
        builder.Property(f => f.Lower95).HasColumnName("lower95");
        builder.Property(f => f.Upper95).HasColumnName("upper95");
        builder.Property(f => f.Lower998).HasColumnName("lower998");
        builder.Property(f => f.Upper998).HasColumnName("upper998");
    }
}
