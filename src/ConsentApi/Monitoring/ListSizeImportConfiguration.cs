using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring;

public sealed class ListSizeImportConfiguration : IEntityTypeConfiguration<ListSizeImport>
{
    public void Configure(EntityTypeBuilder<ListSizeImport> builder)
    {
        builder.ToTable("list_size_imports");
        builder.HasKey(i => i.Id).HasName("list_size_imports_pkey");
        builder.Property(i => i.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(i => i.ExtractDate).HasColumnName("extract_date");
        builder.Property(i => i.Practices).HasColumnName("practices");
        builder.Property(i => i.RowsImported).HasColumnName("rows_imported");
        builder.Property(i => i.ImportedTicks).HasColumnName("imported_ticks");
        builder.Property(i => i.ImportedBy).HasColumnName("imported_by");
    }
}
