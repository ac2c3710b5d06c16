using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring;

public sealed class ListSizeConfiguration : IEntityTypeConfiguration<ListSize>
{
    public void Configure(EntityTypeBuilder<ListSize> builder)
    {
        builder.ToTable("practice_list_sizes");
        builder.HasKey(l => new { l.ExtractDate, l.OdsCode, l.Sex, l.AgeBand }).HasName("practice_list_sizes_pkey");
        builder.Property(l => l.ExtractDate).HasColumnName("extract_date");
        builder.Property(l => l.OdsCode).HasColumnName("ods_code");
        builder.Property(l => l.Sex).HasColumnName("sex");
        builder.Property(l => l.AgeBand).HasColumnName("age_band");
        builder.Property(l => l.Patients).HasColumnName("patients");
    }
}
