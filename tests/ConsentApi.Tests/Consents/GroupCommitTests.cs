using System.Net;
using ConsentApi.Consents;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Consents;

/// <summary>
/// Writes that arrive together share one transaction (decisions 22 and 25). The test holds what a batch waits for first
/// (SQLite's writer queue; PostgreSQL's audit-chain lock) so that eight writes gather behind it, then lets them go as
/// one batch: each must be checked as if it had committed alone (the one-choice rule, If-Match, conditional create),
/// and the ones refused must leave no trace, in the data or in the audit.
/// </summary>
public abstract class GroupCommitTests(ApiFactory api)
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();

    [Fact]
    public async Task RunAsync_WhenWritesArriveTogether_ThenOneTransactionChecksEachAsIfAlone()
    {
        var person = new ConsentBuilder();
        var other = new ConsentBuilder();
        var existing = (await _fhir.CreateAsync(new ConsentBuilder().Build())).Resource;
        var existingJson = FhirJson.Serialize(existing);
        var identifier = Guid.NewGuid().ToString();
        var conditional = FhirJson.Serialize(new ConsentBuilder().WithIdentifier("https://supplier.example/id", identifier).Build());
        var ifNoneExist = new Dictionary<string, string> { ["If-None-Exist"] = $"identifier=https://supplier.example/id|{identifier}" };
        var ifMatch = new Dictionary<string, string> { ["If-Match"] = "W/\"1\"" };
        var commits = api.Services.GetRequiredService<GroupCommit>();
        var batchesBefore = commits.BatchesCommitted;

        Task<HttpResponseMessage>[] writes;
        await using (await HoldWritersAsync())
        {
            writes =
            [
                Send(HttpMethod.Post, "Consent", FhirJson.Serialize(person.Build())),
                Send(HttpMethod.Post, "Consent", FhirJson.Serialize(person.Build())),
                Send(HttpMethod.Put, $"Consent/{existing.Id}", existingJson, ifMatch),
                Send(HttpMethod.Put, $"Consent/{existing.Id}", existingJson, ifMatch),
                Send(HttpMethod.Post, "Consent", conditional, ifNoneExist),
                Send(HttpMethod.Post, "Consent", conditional, ifNoneExist),
                Send(HttpMethod.Post, "Consent", FhirJson.Serialize(other.Build())),
                Send(HttpMethod.Delete, "Consent/no-such-consent", ""),
            ];
            await WaitUntilAsync(() => commits.Queued == writes.Length);
        }

        var statuses = (await Task.WhenAll(writes)).Select(r => r.StatusCode).ToList();

        Assert.Equal(batchesBefore + 1, commits.BatchesCommitted);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], statuses[0..2].Order());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses[2..4].Order());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], statuses[4..6].Order());
        Assert.Equal(HttpStatusCode.Created, statuses[6]);
        Assert.Equal(HttpStatusCode.NotFound, statuses[7]);
        Assert.Single((await _fhir.SearchAsync("Consent", [new("patient:identifier", person.NhsNumber)])).Consents());
        Assert.Equal(2, (await _fhir.HistoryAsync("Consent", existing.Id)).Entry!.Count);
        Assert.Single((await _fhir.SearchAsync("Consent", [new("identifier", $"https://supplier.example/id|{identifier}")])).Consents());
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Kind == "create" && a.PatientNhsNumber == person.NhsNumber));
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Kind == "update" && a.Detail!.StartsWith($"Consent/{existing.Id}/")));
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Kind == "create" && a.PatientNhsNumber == other.NhsNumber));
    }

    [Fact]
    public async Task RunAsync_WhenWritesArriveOneAtATime_ThenEachIsAnsweredAfterItsOwnCommit()
    {
        var commits = api.Services.GetRequiredService<GroupCommit>();
        var before = commits.BatchesCommitted;

        var first = await _fhir.CreateAsync(new ConsentBuilder().Build());
        var second = await _fhir.CreateAsync(new ConsentBuilder().Build());

        Assert.Equal(before + 2, commits.BatchesCommitted);
        Assert.Equal(0, commits.Queued);
        Assert.Equal("1", first.Resource.Meta!.VersionId);
        Assert.Equal("1", second.Resource.Meta!.VersionId);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string body, Dictionary<string, string>? headers = null) =>
        Task.Run(() => method == HttpMethod.Delete
            ? api.CreateFhirHttpClient().DeleteAsync(path)
            : api.CreateFhirHttpClient().SendJsonAsync(method, path, body, headers: headers));

    /// <summary>Holds what a batch waits for before it takes the queued writes; disposing lets the batch go.</summary>
    protected abstract Task<IAsyncDisposable> HoldWritersAsync();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
