using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Population;

public sealed class PatientRegistrationConfiguration : IEntityTypeConfiguration<PatientRegistration>
{
    public void Configure(EntityTypeBuilder<PatientRegistration> builder)
    {
        builder.ToTable("patient_registrations");
        builder.HasKey(r => r.Id).HasName("patient_registrations_pkey");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.NhsNumber).HasColumnName("nhs_number");
        builder.Property(r => r.PracticeOdsCode).HasColumnName("practice_ods_code").HasMaxLength(10);
        builder.Property(r => r.Sex).HasColumnName("sex").HasMaxLength(1);
        builder.Property(r => r.BirthYear).HasColumnName("birth_year");
        builder.Property(r => r.RegisteredFromTicks).HasColumnName("registered_from_ticks");
        builder.Property(r => r.BirthDate).HasColumnName("birth_date").HasMaxLength(10);
        builder.Property(r => r.Postcode).HasColumnName("postcode").HasMaxLength(8);
        builder.Property(r => r.EndedReason).HasColumnName("ended_reason").HasMaxLength(16);
        builder.Property(r => r.RecordedTicks).HasColumnName("recorded_ticks");
        builder.HasIndex(r => r.NhsNumber).HasDatabaseName("ix_patient_registrations_nhs");
        builder.HasIndex(r => r.PracticeOdsCode).HasDatabaseName("ix_patient_registrations_practice");
        builder.HasIndex(r => r.RecordedTicks).HasDatabaseName("ix_patient_registrations_recorded");
    }
}
