using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Audit;

public sealed class AuditPatientLinkConfiguration : IEntityTypeConfiguration<AuditPatientLink>
{
    public void Configure(EntityTypeBuilder<AuditPatientLink> builder)
    {
        builder.ToTable("audit_event_patients");
        builder.HasKey(l => new { l.NhsNumber, l.AuditSeq }).HasName("audit_event_patients_pkey");
        builder.Property(l => l.NhsNumber).HasColumnName("nhs_number").ValueGeneratedNever();
        builder.Property(l => l.AuditSeq).HasColumnName("audit_seq").ValueGeneratedNever();
    }
}
