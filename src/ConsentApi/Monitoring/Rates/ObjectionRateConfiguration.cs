using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring.Rates;

public sealed class ObjectionRateConfiguration : IEntityTypeConfiguration<ObjectionRate>
{
    public void Configure(EntityTypeBuilder<ObjectionRate> builder)
    {
        builder.ToTable("objection_rates");
        builder.HasKey(r => new { r.Day, r.Revision, r.Level, r.Policy, r.Sex, r.AgeBand, r.AreaCode }).HasName("objection_rates_pkey");
        builder.Ignore(r => r.Rate);
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
