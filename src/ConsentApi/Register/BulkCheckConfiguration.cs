using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Register;

public sealed class BulkCheckConfiguration : IEntityTypeConfiguration<BulkCheck>
{
    public void Configure(EntityTypeBuilder<BulkCheck> builder)
    {
        builder.ToTable("bulk_checks");
        builder.HasKey(b => b.Id).HasName("bulk_checks_pkey");
        builder.Property(b => b.Id).HasColumnName("id");
        builder.Property(b => b.DisclosureId).HasColumnName("disclosure_id");
        builder.Property(b => b.RequestedTicks).HasColumnName("requested_ticks");
        builder.Property(b => b.AgentId).HasColumnName("agent_id");
        builder.Property(b => b.AgentOrg).HasColumnName("agent_org");
        builder.Property(b => b.Purpose).HasColumnName("purpose");
        builder.Property(b => b.Checked).HasColumnName("checked");
        builder.Property(b => b.Excluded).HasColumnName("excluded");
        builder.Property(b => b.Overridden).HasColumnName("overridden");
        builder.Property(b => b.Invalid).HasColumnName("invalid");
        builder.Property(b => b.Outcome).HasColumnName("outcome");
        builder.Property(b => b.NumbersSha256).HasColumnName("numbers_sha256");
        builder.Property(b => b.AuditSeq).HasColumnName("audit_seq");
    }
}
