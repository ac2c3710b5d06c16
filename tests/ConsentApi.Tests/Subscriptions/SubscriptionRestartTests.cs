using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Subscriptions;

/// <summary>
/// Notifications survive the registry stopping: changes queued while the receiver was down are delivered, in order,
/// by the next registry process started on the same database.
/// </summary>
public sealed class SubscriptionRestartTests : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "consent-registry-tests", "restart-" + Guid.NewGuid().ToString("N"));
    private WebhookReceiver receiver = null!;

    public Task InitializeAsync()
    {
        receiver = WebhookReceiver.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Notify_WhenTheRegistryRestartsWithChangesQueued_ThenTheNewProcessDeliversThemInOrder()
    {
        var patient = new ConsentBuilder();
        string subscription;
        string consent;
        await using (var first = new SharedDataApiFactory(data))
        {
            var fhir = first.CreateFhirClient();
            subscription = (await fhir.CreateAsync(new SubscriptionBuilder($"Consent?patient={patient.NhsNumber}", receiver.Url).Build())).Resource.Id!;
            await Eventually.TrueAsync(async () => (await fhir.ReadAsync<Subscription>(subscription)).Resource.Status?.GetLiteral() == "active", "the handshake");
            receiver.Down = true;
            consent = (await fhir.CreateAsync(patient.Build())).Resource.Id!;
            await fhir.UpdateAsync(new ConsentBuilder(patient.NhsNumber).WithStatus("inactive").With(c => c.Id = consent).Build());
            await fhir.DeleteAsync("Consent", consent);
            await Eventually.TrueAsync(async () => await first.CountAsync($"SELECT count(*) FROM subscription_notifications WHERE subscription_id = '{subscription}'") == 3,
                "three notifications queued");
            await Eventually.TrueAsync(() => receiver.Refused > 0, "a refused attempt");
        }

        Assert.Empty(Notifications(subscription));
        receiver.Down = false;
        await using var second = new SharedDataApiFactory(data);
        _ = second.Services;
        await Eventually.TrueAsync(() => Notifications(subscription).Count == 3, "the queued notifications from the restarted registry", seconds: 40);

        var received = Notifications(subscription);
        Assert.Equal(["PUT", "PUT", "DELETE"], received.Select(r => r.Method));
        Assert.Equal(["1", "2"], received.Take(2).Select(r => FhirJson.Parse<Consent>(r.Body).Meta!.VersionId));
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(3, await db.SubscriptionNotifications.CountAsync(n => n.SubscriptionId == subscription && n.DeliveredTicks != null));
    }

    private List<ReceivedRequest> Notifications(string subscription) =>
        [.. receiver.Received.Where(r => r.Headers.GetValueOrDefault("X-Subscription-Id") == subscription && r.Headers["X-Subscription-Event"] == "notification")];

    /// <summary>The SQLite registry on a data folder that outlives it, so a second process can start on the same database.</summary>
    private sealed class SharedDataApiFactory(string directory) : SqliteApiFactory
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Persistence:DataDirectory", directory);
            builder.UseSetting("Subscriptions:TimeoutSeconds", "2");
        }
    }
}
