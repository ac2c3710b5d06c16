using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ConsentApi.Tests.Monitoring.Investigations;

/// <summary>SQLite with the flag webhook pointed at a real receiver started first (field initialisers run before the host is built).</summary>
public sealed class WebhookApiFactory : SqliteApiFactory
{
    public const string Secret = "test-webhook-secret";

    public WebhookReceiver Receiver { get; } = WebhookReceiver.Start();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Monitoring:WebhookUrl", Receiver.Url);
        builder.UseSetting("Monitoring:WebhookSecret", Secret);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
