using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring.Rates;

public sealed class PracticeWeekConfiguration : IEntityTypeConfiguration<PracticeWeek>
{
    public void Configure(EntityTypeBuilder<PracticeWeek> builder)
    {
        builder.ToTable("practice_weeks");
        builder.HasKey(w => new { w.WeekEnding, w.Revision, w.OdsCode, w.Policy }).HasName("practice_weeks_pkey");
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
