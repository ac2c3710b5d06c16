using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Subscriptions;

public sealed class SubscriptionRecordConfiguration : IEntityTypeConfiguration<SubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<SubscriptionRecord> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasKey(s => s.Id).HasName("subscriptions_pkey");
        builder.Ignore(s => s.Queues);
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
