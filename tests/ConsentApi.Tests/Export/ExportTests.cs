using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Audit;
using ConsentApi.Export;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using ConsentApi.Synthetic;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsentApi.Tests.Export;

/// <summary>
/// Bulk export over HTTP (kick-off, status, manifest, files, cancel), and its round trip: a scaled-down synthetic
/// population exported and imported into an empty registry gives the same Consents and register.
/// </summary>
public abstract class ExportTests(ApiFactory api) : IDisposable
{
    private readonly HttpClient _http = api.CreateClient();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "consent-registry-export", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Export_WhenImportedIntoAnEmptyRegistry_ThenTheConsentsAndRegisterAreTheSame()
    {
        await GenerateAsync();
        var fhir = api.CreateFhirClient();
        var changed = (await fhir.CreateAsync(new ConsentBuilder().WithPolicy("type-1").Build())).Resource;
        await fhir.UpdateAsync(new ConsentBuilder(changed.Patient!.Identifier!.Value).WithPolicy("type-1").WithStatus("inactive").With(c => c.Id = changed.Id).Build());
        var deleted = (await fhir.CreateAsync(new ConsentBuilder().Build())).Resource;
        await fhir.DeleteAsync("Consent", deleted.Id!);
        using var disclosure = await _http.PostAsJsonAsync("/register/disclosures", new
        {
            id = "EXPORT-TEST-1",
            recipientOds = "X26",
            recipientName = "Planning team",
            purpose = "HOPERAT",
            dataDescription = "Episodes",
            optOutsApply = true,
        });
        Assert.Equal(HttpStatusCode.Created, disclosure.StatusCode);

        var manifest = await ExportAsync("/fhir/$export");
        var outputs = manifest.GetProperty("output").EnumerateArray().ToList();
        foreach (var output in outputs)
        {
            var url = output.GetProperty("url").GetString()!;
            await File.WriteAllBytesAsync(Path.Combine(_folder, url[(url.LastIndexOf('/') + 1)..]), await _http.GetByteArrayAsync(url));
        }

        await using var target = api.CreateExtraDatabase("imported");
        await new SchemaMigrator(target, NullLogger<SchemaMigrator>.Instance).MigrateAsync(default);
        var (consents, entries) = await new ExportImporter(target).ImportAsync(_folder, default);

        await using var scope = api.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var expected = await CurrentAsync(source);
        var actual = await CurrentAsync(target);
        Assert.True(expected.Count > 500, $"only {expected.Count} Consents were generated");
        Assert.Equal(expected.Count, consents);
        Assert.Equal(expected, actual);
        Assert.DoesNotContain(deleted.Id!, actual.Keys);
        Assert.Contains("\"versionId\":\"2\"", actual[changed.Id!], StringComparison.Ordinal);
        Assert.Equal(1, entries);
        Assert.Equal(await Register(source), await Register(target));
        var audit = outputs.Where(o => o.GetProperty("type").GetString() == "AuditEvent").ToList();
        Assert.True(audit.Sum(o => o.GetProperty("count").GetInt64()) > 0);
        Assert.All(File.ReadLines(Directory.EnumerateFiles(_folder, "AuditEvent-*.ndjson").Single()), l => Assert.IsType<AuditEvent>(FhirJson.Parse<Resource>(l)));
        Assert.Equal(expected.Count, outputs.Where(o => o.GetProperty("type").GetString() == "Consent").Sum(o => o.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task PatientExport_WhenSinceIsGiven_ThenOnlyConsentsChangedSinceThenAndNoRegister()
    {
        var before = (await api.CreateFhirClient().CreateAsync(new ConsentBuilder().Build())).Resource;
        await Task.Delay(50);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var after = (await api.CreateFhirClient().CreateAsync(new ConsentBuilder().Build())).Resource;

        var manifest = await ExportAsync($"/fhir/Patient/$export?_type=Consent&_since={since:yyyy-MM-ddTHH:mm:ss.fffZ}");
        var output = Assert.Single(manifest.GetProperty("output").EnumerateArray());
        var lines = (await _http.GetStringAsync(output.GetProperty("url").GetString())).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Consent", output.GetProperty("type").GetString());
        Assert.Contains(lines, l => FhirJson.Parse<Consent>(l).Id == after.Id);
        Assert.DoesNotContain(lines, l => FhirJson.Parse<Consent>(l).Id == before.Id);
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
    }

    [Theory]
    [InlineData("/fhir/$export", false, "Prefer")]
    [InlineData("/fhir/$export?_type=Patient", true, "_type")]
    [InlineData("/fhir/Patient/$export?_type=DisclosureRegisterEntry", true, "_type")]
    [InlineData("/fhir/$export?_since=yesterday", true, "_since")]
    [InlineData("/fhir/$export?_since=2026-01-01", true, "_since")]
    [InlineData("/fhir/$export?_outputFormat=text/csv", true, "_outputFormat")]
    [InlineData("/fhir/$export?_typeFilter=Consent%3Fstatus%3Dactive", true, "_typeFilter")]
    public async Task KickOff_WhenTheRequestIsWrong_Then400NamingThePart(string url, bool preferAsync, string part)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (preferAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }

        using var response = await _http.SendAsync(request);
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(part, Assert.Single(outcome.Issue![0].Expression!));
    }

    [Fact]
    public async Task KickOff_WhenTheTokenCannotReadAudit_Then403UnlessAuditIsLeftOut()
    {
        using var key = TestClientKey.Rsa();
        var client = await _http.RegisterClientAsync(key, RegistryScopes.ConsentRead, "B82005");
        using var http = api.CreateClientWithToken(await api.TokenAsync(client, key, RegistryScopes.ConsentRead));

        using var all = await KickOffAsync(http, "/fhir/$export");
        using var consentsOnly = await KickOffAsync(http, "/fhir/$export?_type=Consent");
        using var othersStatus = await _http.GetAsync(StatusUrl(consentsOnly));

        Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
        Assert.Contains(RegistryScopes.AuditRead, await all.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, consentsOnly.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersStatus.StatusCode);
    }

    [Fact]
    public async Task KickOff_WhenOneClientStartsEightAtOnce_ThenNeverMoreThanTheLimitAreActive()
    {
        using var key = TestClientKey.Rsa();
        var client = await _http.RegisterClientAsync(key, RegistryScopes.ConsentRead, "B82006");
        using var http = api.CreateClientWithToken(await api.TokenAsync(client, key, RegistryScopes.ConsentRead));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await KickOffAsync(http, "/fhir/$export?_type=Consent");
            return response.StatusCode;
        }));
        await using var scope = api.Services.CreateAsyncScope();
        var jobs = await scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>().ExportJobs.AsNoTracking()
            .Where(j => j.ClientId == client).Select(j => new { j.CreatedTicks, j.FinishedTicks }).ToListAsync();

        Assert.All(answers, a => Assert.True(a is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests, a.ToString()));
        Assert.Equal(answers.Count(a => a == HttpStatusCode.Accepted), jobs.Count);
        Assert.All(jobs, job => Assert.True(
            jobs.Count(other => other != job && other.CreatedTicks <= job.CreatedTicks && (other.FinishedTicks is null || other.FinishedTicks > job.CreatedTicks))
                < ConsentApi.Export.ExportEndpoints.ActivePerClient,
            "an export was let in while the client already had the limit active"));
    }

    [Fact]
    public async Task Export_WhenConsentsAreWritten_ThenEachPersonsAuditShowsTheExportAsAReadByTheClient()
    {
        var person = new ConsentBuilder();
        await api.CreateFhirClient().CreateAsync(person.Build());

        await ExportAsync("/fhir/$export?_type=Consent");
        await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        var audit = FhirJson.Parse<Bundle>(await _http.GetStringAsync($"/fhir/AuditEvent?patient={person.NhsNumber}"));

        Assert.Contains(audit.Entry!.Select(e => (AuditEvent)e.Resource!),
            e => e.Subtype![0].Code == "export" && e.Agent![0].Who!.Identifier!.Value == ApiFactory.TestClientId);
    }

    [Fact]
    public async Task Cancel_WhenDeleted_ThenItsStatusIsGone()
    {
        using var kickOff = await KickOffAsync(_http, "/fhir/$export?_type=DisclosureRegisterEntry");
        var status = StatusUrl(kickOff);

        using var cancelled = await _http.DeleteAsync(status);
        using var after = await _http.GetAsync(status);

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    private async Task<JsonElement> ExportAsync(string url)
    {
        Directory.CreateDirectory(_folder);
        using var kickOff = await KickOffAsync(_http, url);
        Assert.Equal(HttpStatusCode.Accepted, kickOff.StatusCode);
        var status = StatusUrl(kickOff);
        HttpResponseMessage? done = null;
        await Eventually.TrueAsync(async () =>
        {
            var response = await _http.GetAsync(status);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"status answered {response.StatusCode}");
            done = response.StatusCode == HttpStatusCode.OK ? response : null;
            return done is not null;
        }, "the export to complete", seconds: 60);
        return await done!.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string StatusUrl(HttpResponseMessage kickOff) =>
        kickOff.Content.Headers.ContentLocation?.ToString() ?? throw new InvalidOperationException($"The kick-off answered {kickOff.StatusCode} without Content-Location.");

    private static async Task<HttpResponseMessage> KickOffAsync(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Add("Accept", "application/fhir+json");
        return await http.SendAsync(request);
    }

    /// <summary>A scaled-down synthetic population, written into the registry's own database by the generator's loader.</summary>
    private async Task GenerateAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var connectionString = db.Database.GetConnectionString()!;
        await using IPopulationLoader loader = db.Database.IsNpgsql() ? new PostgresPopulationLoader(connectionString) : new SqlitePopulationLoader(connectionString);
        await new PopulationGenerator(GenerateOptions.Parse(["--scale", "0.0005", "--weeks", "12", "--out", Path.Combine(_folder, "..", "generated-" + Path.GetFileName(_folder))]), loader)
            .RunAsync(default);
    }

    /// <summary>Each live Consent's current JSON by id.</summary>
    private static async Task<Dictionary<string, string>> CurrentAsync(RegistryDbContext db)
    {
        var versions = await db.ConsentVersions.AsNoTracking().Select(v => new { v.ResourceId, v.VersionId, v.IsDeleted, v.ResourceJson }).ToListAsync();
        return versions.GroupBy(v => v.ResourceId).Select(g => g.MaxBy(v => v.VersionId)!).Where(v => !v.IsDeleted)
            .ToDictionary(v => v.ResourceId, v => v.ResourceJson!, StringComparer.Ordinal);
    }

    private static async Task<string> Register(RegistryDbContext db) =>
        string.Join('\n', (await db.Disclosures.AsNoTracking().OrderBy(d => d.Id).ToListAsync())
            .Select(d => $"{d.Id}|{d.RecipientOds}|{d.RecipientName}|{d.Purpose}|{d.LegalBasis}|{d.DataDescription}|{d.OptOutsApply}|{d.CreatedTicks}"));
}
