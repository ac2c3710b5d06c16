using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Audit;

public sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(r => r.Seq).HasName("audit_events_pkey");
        builder.Property(r => r.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(r => r.RecordedTicks).HasColumnName("recorded_ticks");
        builder.Property(r => r.Kind).HasColumnName("kind");
        builder.Property(r => r.Action).HasColumnName("action");
        builder.Property(r => r.Outcome).HasColumnName("outcome");
        builder.Property(r => r.AgentType).HasColumnName("agent_type");
        builder.Property(r => r.AgentId).HasColumnName("agent_id");
        builder.Property(r => r.AgentOrg).HasColumnName("agent_org");
        builder.Property(r => r.AgentName).HasColumnName("agent_name");
        builder.Property(r => r.PatientNhsNumber).HasColumnName("patient_nhs_number");
        builder.Property(r => r.PatientCount).HasColumnName("patient_count");
        builder.Property(r => r.Purpose).HasColumnName("purpose");
        builder.Property(r => r.Detail).HasColumnName("detail");
        builder.Property(r => r.PrevHash).HasColumnName("prev_hash");
        builder.Property(r => r.Hash).HasColumnName("hash");
    }
}
