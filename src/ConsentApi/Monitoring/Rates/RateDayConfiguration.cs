using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring.Rates;

public sealed class RateDayConfiguration : IEntityTypeConfiguration<RateDay>
{
    public void Configure(EntityTypeBuilder<RateDay> builder)
    {
        builder.ToTable("rate_days");
        builder.HasKey(d => new { d.Day, d.Revision }).HasName("rate_days_pkey");
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
