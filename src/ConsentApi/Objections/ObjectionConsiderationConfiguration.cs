using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Objections;

public sealed class ObjectionConsiderationConfiguration : IEntityTypeConfiguration<ObjectionConsideration>
{
    public void Configure(EntityTypeBuilder<ObjectionConsideration> builder)
    {
        builder.ToTable("objection_considerations");
        builder.HasKey(o => o.Id).HasName("objection_considerations_pkey");
        builder.Property(o => o.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(o => o.RecordedTicks).HasColumnName("recorded_ticks");
        builder.Property(o => o.PatientNhsNumber).HasColumnName("patient_nhs_number");
        builder.Property(o => o.ConsentId).HasColumnName("consent_id");
        builder.Property(o => o.ConsentVersion).HasColumnName("consent_version");
        builder.Property(o => o.PolicyUri).HasColumnName("policy_uri");
        builder.Property(o => o.RecipientOds).HasColumnName("recipient_ods");
        builder.Property(o => o.Purpose).HasColumnName("purpose");
        builder.Property(o => o.Outcome).HasColumnName("outcome");
        builder.Property(o => o.LegalBasis).HasColumnName("legal_basis");
        builder.Property(o => o.Criterion).HasColumnName("criterion");
        builder.Property(o => o.DecidedBy).HasColumnName("decided_by");
        builder.Property(o => o.DecidedByOrg).HasColumnName("decided_by_org");
        builder.Property(o => o.Source).HasColumnName("source");
        builder.Property(o => o.BulkCheckId).HasColumnName("bulk_check_id");
    }
}
