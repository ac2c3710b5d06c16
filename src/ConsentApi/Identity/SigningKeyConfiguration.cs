using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Identity;

public sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Kid).HasName("signing_keys_pkey");
        builder.Property(k => k.Kid).HasColumnName("kid");
        builder.Property(k => k.Algorithm).HasColumnName("algorithm");
        builder.Property(k => k.PrivateKey).HasColumnName("private_key");
        builder.Property(k => k.CreatedTicks).HasColumnName("created_ticks");
    }
}
