using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Population;

public sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.ToTable("practices");
        builder.HasKey(p => p.OdsCode).HasName("practices_pkey");
        builder.Property(p => p.OdsCode).HasColumnName("ods_code").HasMaxLength(10);
        builder.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(p => p.SubIcbCode).HasColumnName("sub_icb_code").HasMaxLength(10);
        builder.Property(p => p.SubIcbName).HasColumnName("sub_icb_name").HasMaxLength(200);
        builder.Property(p => p.IcbCode).HasColumnName("icb_code").HasMaxLength(10);
        builder.Property(p => p.IcbName).HasColumnName("icb_name").HasMaxLength(200);
        builder.Property(p => p.RegionCode).HasColumnName("region_code").HasMaxLength(10);
        builder.Property(p => p.RegionName).HasColumnName("region_name").HasMaxLength(200);
        builder.HasIndex(p => p.SubIcbCode).HasDatabaseName("ix_practices_sub_icb");
    }
}
