using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Register;

public sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> builder)
    {
        builder.ToTable("disclosures");
        builder.HasKey(d => d.Id).HasName("disclosures_pkey");
        builder.Property(d => d.Id).HasColumnName("id");
        builder.Property(d => d.RecipientOds).HasColumnName("recipient_ods");
        builder.Property(d => d.RecipientName).HasColumnName("recipient_name");
        builder.Property(d => d.Purpose).HasColumnName("purpose");
        builder.Property(d => d.LegalBasis).HasColumnName("legal_basis");
        builder.Property(d => d.DataDescription).HasColumnName("data_description");
        builder.Property(d => d.OptOutsApply).HasColumnName("opt_outs_apply");
        builder.Property(d => d.CreatedTicks).HasColumnName("created_ticks");
    }
}
