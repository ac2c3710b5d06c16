using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Monitoring.Investigations;

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id).HasName("webhook_deliveries_pkey");
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
