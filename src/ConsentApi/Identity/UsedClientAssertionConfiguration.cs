using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Identity;

public sealed class UsedClientAssertionConfiguration : IEntityTypeConfiguration<UsedClientAssertion>
{
    public void Configure(EntityTypeBuilder<UsedClientAssertion> builder)
    {
        builder.ToTable("used_client_assertions");
        builder.HasKey(a => new { a.ClientId, a.Jti }).HasName("used_client_assertions_pkey");
        builder.Property(a => a.ClientId).HasColumnName("client_id");
        builder.Property(a => a.Jti).HasColumnName("jti");
        builder.Property(a => a.ExpiresTicks).HasColumnName("expires_ticks");
    }
}
