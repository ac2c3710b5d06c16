using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Subscriptions;

public sealed class SubscriptionNotificationConfiguration : IEntityTypeConfiguration<SubscriptionNotification>
{
    public void Configure(EntityTypeBuilder<SubscriptionNotification> builder)
    {
        builder.ToTable("subscription_notifications");
        builder.HasKey(n => n.Id).HasName("subscription_notifications_pkey");
        builder.Property(n => n.Id).ValueGeneratedOnAdd();
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
