using System.Net;
using System.Text;
using ConsentApi.Audit;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Subscriptions;

/// <summary>
/// Subscriptions end to end over real HTTP: the registry's delivery calls a receiver on its own Kestrel. Each test has
/// its own receiver and its own patients, so tests sharing the registry do not see each other's notifications.
/// </summary>
public abstract class SubscriptionTests(ApiFactory api) : IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateFhirHttpClient();
    private readonly HttpClient _admin = api.CreateClient();
    private WebhookReceiver _receiver = null!;

    public Task InitializeAsync()
    {
        _receiver = WebhookReceiver.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Notify_WhenAPatientsConsentIsCreatedUpdatedAndDeleted_ThenEachVersionReachesTheEndpointInOrder()
    {
        var patient = new ConsentBuilder();
        var subscription = await ActiveSubscriptionAsync($"Consent?patient.identifier={NhsSystem}|{patient.NhsNumber}");

        var created = (await _fhir.CreateAsync(patient.Build())).Resource;
        var updated = (await _fhir.UpdateAsync(new ConsentBuilder(patient.NhsNumber).WithStatus("inactive").With(c => c.Id = created.Id).Build())).Resource;
        await _fhir.DeleteAsync("Consent", created.Id!);
        await _fhir.CreateAsync(new ConsentBuilder().Build());
        await Eventually.TrueAsync(() => Notifications(subscription).Count == 3, "three notifications");

        var received = Notifications(subscription);
        Assert.Equal(["PUT", "PUT", "DELETE"], received.Select(r => r.Method));
        Assert.All(received, r => Assert.Equal($"/hook/Consent/{created.Id}", r.Path));
        Assert.Equal(["1", "2"], received.Take(2).Select(r => FhirJson.Parse<Consent>(r.Body).Meta!.VersionId));
        Assert.Equal("inactive", FhirJson.Parse<Consent>(received[1].Body).Status?.GetLiteral());
        Assert.Equal(updated.Meta!.VersionId, FhirJson.Parse<Consent>(received[1].Body).Meta!.VersionId);
        var sequence = received.Select(r => long.Parse(r.Headers["X-Subscription-Sequence"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequence.Order(), sequence);
        Assert.All(received, r => Assert.Equal("Bearer receiver-secret", r.Headers["Authorization"]));
        Assert.Equal($"Consent/{created.Id}/_history/3", received[2].Headers["X-Registry-Resource"]);
    }

    [Fact]
    public async Task Notify_WhenAChangeIsSent_ThenItIsAuditedAgainstThePersonAsAReadByTheClient()
    {
        var patient = new ConsentBuilder();
        var subscription = await ActiveSubscriptionAsync($"Consent?patient.identifier={NhsSystem}|{patient.NhsNumber}");

        var created = (await _fhir.CreateAsync(patient.Build())).Resource;
        await Eventually.TrueAsync(() => Notifications(subscription).Count == 1, "the notification");
        // The delivery records its audit after the endpoint has answered, so the test endpoint can see the
        // notification before the audit entry is queued.
        IReadOnlyList<AuditEvent> events = [];
        await Eventually.TrueAsync(async () =>
        {
            await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
            var audit = FhirJson.Parse<Bundle>(await _http.GetStringAsync($"AuditEvent?patient={patient.NhsNumber}"));
            events = [.. audit.Entry.Select(e => (AuditEvent)e.Resource!)];
            return events.Any(e => e.Subtype![0].Code == "notification");
        }, "the notification's audit");

        var sent = Assert.Single(events, e => e.Subtype![0].Code == "notification");
        Assert.Equal(ApiFactory.TestClientId, sent.Agent![0].Who!.Identifier!.Value);
        Assert.Contains($"Consent/{created.Id}/_history/1", sent.Entity![0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_WhenCriteriaNameAPolicyAndThePayloadIsEmpty_ThenAnEmptyPostForThatPolicyOnly()
    {
        var policy = $"{ConsentBuilder.PolicyBase}type-1";
        var subscription = await ActiveSubscriptionAsync($"Consent?policy={policy}", s => s.Channel!.Payload = null);

        var typeOne = (await _fhir.CreateAsync(new ConsentBuilder().WithPolicy("type-1").Build())).Resource;
        await _fhir.CreateAsync(new ConsentBuilder().Build());
        await Eventually.TrueAsync(() => Notifications(subscription).Count >= 1, "a notification");
        await Task.Delay(500);

        var received = Assert.Single(Notifications(subscription));
        Assert.Equal("POST", received.Method);
        Assert.Equal("", received.Body);
        Assert.Equal($"Consent/{typeOne.Id}/_history/1", received.Headers["X-Registry-Resource"]);
    }

    [Fact]
    public async Task Notify_WhenTheEndpointFailsAFewTimes_ThenItIsRetriedAndNothingIsLostOrReordered()
    {
        var patient = new ConsentBuilder();
        var subscription = await ActiveSubscriptionAsync($"Consent?patient={patient.NhsNumber}");
        _receiver.RefuseNext(3);

        var created = (await _fhir.CreateAsync(patient.Build())).Resource;
        await _fhir.UpdateAsync(new ConsentBuilder(patient.NhsNumber).WithStatus("inactive").With(c => c.Id = created.Id).Build());
        await Eventually.TrueAsync(() => Notifications(subscription).Count == 2, "both notifications after the refusals");

        Assert.Equal(3, _receiver.Refused);
        Assert.Equal(["1", "2"], Notifications(subscription).Select(r => FhirJson.Parse<Consent>(r.Body).Meta!.VersionId));
        Assert.Equal("active", (await _fhir.ReadAsync<Subscription>(subscription)).Resource.Status?.GetLiteral());
    }

    [Fact]
    public async Task Notify_WhenTheEndpointKeepsFailing_ThenErrorWithTheReasonAndReactivationSendsWhatWasQueued()
    {
        var patient = new ConsentBuilder();
        var subscription = await ActiveSubscriptionAsync($"Consent?patient.identifier={patient.NhsNumber}");
        _receiver.Down = true;

        var created = await _fhir.CreateAsync(patient.Build());
        await _fhir.UpdateAsync(new ConsentBuilder(patient.NhsNumber).WithStatus("inactive").With(c => c.Id = created.Resource.Id).Build());
        await Eventually.TrueAsync(async () => (await _fhir.ReadAsync<Subscription>(subscription)).Resource.Status?.GetLiteral() == "error", "the subscription in error");
        var failed = (await _fhir.ReadAsync<Subscription>(subscription)).Resource;
        _receiver.Down = false;
        await Task.Delay(500);
        var whileInError = Notifications(subscription).Count;
        failed.Status = Subscription.SubscriptionStatus.Requested;
        var reactivated = await _fhir.UpdateAsync(failed);
        await Eventually.TrueAsync(() => Notifications(subscription).Count == 2, "the queued notifications after re-activation");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Contains("503", failed.Error, StringComparison.Ordinal);
        Assert.Contains("re-activated", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, whileInError);
        Assert.Equal("requested", reactivated.Resource.Status?.GetLiteral());
        Assert.Equal(["1", "2"], Notifications(subscription).Select(r => FhirJson.Parse<Consent>(r.Body).Meta!.VersionId));
        await Eventually.TrueAsync(async () => (await _fhir.ReadAsync<Subscription>(subscription)).Resource is { Status: Subscription.SubscriptionStatus.Active, Error: null }, "active again");
    }

    [Theory]
    [InlineData("type", "websocket", "Subscription.channel.type")]
    [InlineData("endpoint", "ftp://gp.example/notify", "Subscription.channel.endpoint")]
    [InlineData("payload", "application/fhir+xml", "Subscription.channel.payload")]
    [InlineData("header", "Authorization Bearer x", "Subscription.channel.header[0]")]
    [InlineData("header", "Host: evil.example", "Subscription.channel.header[0]")]
    [InlineData("criteria", "Patient?identifier=9434765919", "Subscription.criteria")]
    [InlineData("criteria", "Consent?patient.identifier=1234567890", "Subscription.criteria")]
    [InlineData("criteria", "Consent?patient.identifier=https://example.org/id|9434765919", "Subscription.criteria")]
    [InlineData("criteria", "Consent?actor=A81001", "Subscription.criteria")]
    [InlineData("status", "error", "Subscription.status")]
    [InlineData("end", "2020-01-01T00:00:00Z", "Subscription.end")]
    public async Task Create_WhenTheChannelOrCriteriaCannotBeHonoured_Then422NamingTheElement(string part, string value, string element)
    {
        var subscription = new SubscriptionBuilder("Consent", _receiver.Url).With(s =>
        {
            _ = part switch
            {
                "type" => (object)(s.Channel!.TypeElement = new Code<Subscription.SubscriptionChannelType> { JsonValue = value }),
                "endpoint" => s.Channel!.Endpoint = value,
                "payload" => s.Channel!.Payload = value,
                "header" => (s.Channel!.Header = [value]).First(),
                "criteria" => s.Criteria = value,
                "status" => s.StatusElement = new Code<Subscription.SubscriptionStatus> { JsonValue = value },
                _ => s.EndElement = new Instant { JsonValue = value },
            };
        }).Build();

        using var response = await _http.SendJsonAsync(HttpMethod.Post, "Subscription", FhirJson.Serialize(subscription));
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(element, Assert.Single(outcome.Issue![0].Expression!));
        Assert.False(string.IsNullOrWhiteSpace(outcome.Issue[0].Diagnostics));
    }

    [Fact]
    public async Task Create_WhenBodyIsNotASubscription_Then400WithTheProblem()
    {
        using var response = await _http.PostAsync("Subscription", new StringContent("{\"resourceType\":\"Subscription\",\"status\":", Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsType<OperationOutcome>(FhirJson.Parse<Resource>(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Notify_WhenAnotherClientsEndpointsHang_ThenThisClientsNotificationsDoNotWaitForThem()
    {
        await using var hanging = WebhookReceiver.Start();
        hanging.Hang = true;
        using var key = TestClientKey.Rsa();
        var scopes = $"{RegistryScopes.ConsentRead} {RegistryScopes.Subscriptions}";
        var other = await _admin.RegisterClientAsync(key, scopes, "B82005");
        var otherHttp = api.CreateClientWithToken(await api.TokenAsync(other, key, scopes));
        otherHttp.BaseAddress = new Uri(api.ServerAddress, "fhir/");
        var otherFhir = new TestFhirClient(otherHttp);
        for (var i = 0; i < 6; i++)
        {
            await otherFhir.CreateAsync(new SubscriptionBuilder("Consent", hanging.Url).Build());
        }

        await Eventually.TrueAsync(() => hanging.Held >= 2, "the other client's endpoints to be called");
        var patient = new ConsentBuilder();
        var mine = await ActiveSubscriptionAsync($"Consent?patient.identifier={NhsSystem}|{patient.NhsNumber}");
        await _fhir.CreateAsync(patient.Build());
        await Eventually.TrueAsync(() => Notifications(mine).Count == 1, "this client's notification");

        // Nothing held by the hanging endpoints has ended yet (the registry waits up to its timeout for each): this
        // client's handshake and notification went past them, not after them.
        Assert.Equal(0, hanging.HeldThenEnded);
        Assert.InRange(hanging.Held, 1, ConsentApi.Subscriptions.SubscriptionDelivery.PerClient);
    }

    [Fact]
    public async Task Read_WhenAnotherClientOwnsIt_Then404AndItIsNotInTheirSearch()
    {
        var mine = await ActiveSubscriptionAsync("Consent");
        using var key = TestClientKey.Rsa();
        var scopes = $"{RegistryScopes.ConsentRead} {RegistryScopes.Subscriptions}";
        var other = await _admin.RegisterClientAsync(key, scopes, "B82005");
        using var otherHttp = api.CreateClientWithToken(await api.TokenAsync(other, key, $"{RegistryScopes.ConsentRead} {RegistryScopes.Subscriptions}"));

        using var read = await otherHttp.GetAsync($"/fhir/Subscription/{mine}");
        var search = FhirJson.Parse<Bundle>(await otherHttp.GetStringAsync("/fhir/Subscription"));
        var own = FhirJson.Parse<Bundle>(await _http.GetStringAsync("Subscription?status=active"));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(0, search.Total);
        Assert.Contains(own.Entry!, e => e.Resource!.Id == mine);
    }

    [Fact]
    public async Task Create_WhenTheTokenCannotReadConsents_Then403SayingWhichScope()
    {
        using var key = TestClientKey.Rsa();
        var client = await _admin.RegisterClientAsync(key, RegistryScopes.Subscriptions, "B82005");
        using var http = api.CreateClientWithToken(await api.TokenAsync(client, key, RegistryScopes.Subscriptions));

        using var response = await http.SendJsonAsync(HttpMethod.Post, "/fhir/Subscription", FhirJson.Serialize(new SubscriptionBuilder("Consent", _receiver.Url).Build()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(RegistryScopes.ConsentRead, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Creates the subscription and waits for its handshake to make it active; returns its id.</summary>
    private async Task<string> ActiveSubscriptionAsync(string criteria, Action<Subscription>? change = null)
    {
        var created = await _fhir.CreateAsync(new SubscriptionBuilder(criteria, _receiver.Url).With(change ?? (_ => { })).Build());
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("requested", created.Resource.Status?.GetLiteral());
        var id = created.Resource.Id!;
        await Eventually.TrueAsync(async () => (await _fhir.ReadAsync<Subscription>(id)).Resource.Status?.GetLiteral() == "active", "the handshake");
        Assert.Contains(_receiver.Received, r => r.Headers.GetValueOrDefault("X-Subscription-Event") == "handshake" && r.Headers["X-Subscription-Id"] == id);
        return id;
    }

    private List<ReceivedRequest> Notifications(string subscription) =>
        [.. _receiver.Received.Where(r => r.Headers.GetValueOrDefault("X-Subscription-Id") == subscription && r.Headers["X-Subscription-Event"] == "notification")];
}
