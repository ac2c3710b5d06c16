using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring.Jobs;

public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.HasKey(r => r.Id).HasName("job_runs_pkey");
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
