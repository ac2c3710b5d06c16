using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Identity;

public sealed class AuthFailureConfiguration : IEntityTypeConfiguration<AuthFailure>
{
    public void Configure(EntityTypeBuilder<AuthFailure> builder)
    {
        builder.ToTable("auth_failures");
        builder.HasKey(f => f.Id).HasName("auth_failures_pkey");
        builder.Property(f => f.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(f => f.Kind).HasColumnName("kind").HasMaxLength(20);
        builder.Property(f => f.Subject).HasColumnName("subject").HasMaxLength(64);
        builder.Property(f => f.Source).HasColumnName("source").HasMaxLength(64);
        builder.Property(f => f.FailedTicks).HasColumnName("failed_ticks");
        builder.HasIndex(f => new { f.Kind, f.Subject, f.FailedTicks }).HasDatabaseName("ix_auth_failures_subject");
        builder.HasIndex(f => new { f.Kind, f.Source, f.FailedTicks }).HasDatabaseName("ix_auth_failures_source");
    }
}
