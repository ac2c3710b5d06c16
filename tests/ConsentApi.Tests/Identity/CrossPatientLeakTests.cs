using System.Net;
using ConsentApi.Audit;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// The paths by which one patient once learned about another (security review S1-S3): a conditional create's match,
/// the raw query strings in the audit a person is shown, and the history of a Consent moved between people. Each is
/// now judged per version and per audit entry by the one scope every Consent read takes.
/// </summary>
public sealed class CrossPatientLeakTests(PatientIssuerApiFactory api) : IClassFixture<PatientIssuerApiFactory>
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private readonly HttpClient _system = api.CreateClient();

    [Theory]
    [InlineData("_id={theirId}", null)]
    [InlineData("_id={theirId}", "return=minimal")]
    [InlineData("patient.identifier=" + NhsSystem + "|{theirs}", null)]
    [InlineData("patient.identifier=" + NhsSystem + "|{theirs}," + NhsSystem + "|{mine}", null)]
    [InlineData("_id={theirId},{myOtherId}", null)]
    public async Task Create_WhenAPatientsIfNoneExistNamesAnotherPersonsConsent_ThenNothingOfTheirsIsReturnedCountedOrAudited(string condition, string? prefer)
    {
        var (theirs, theirId) = await CreateAsync(new ConsentBuilder());
        var mine = new ConsentBuilder();
        var (_, myOtherId) = await CreateAsync(new ConsentBuilder(mine.NhsNumber).WithPolicy("type-1"));
        using var patient = Patient(mine.NhsNumber);
        var headers = new Dictionary<string, string>
        {
            ["If-None-Exist"] = condition.Replace("{theirId}", theirId, StringComparison.Ordinal).Replace("{theirs}", theirs, StringComparison.Ordinal)
                .Replace("{mine}", mine.NhsNumber, StringComparison.Ordinal).Replace("{myOtherId}", myOtherId, StringComparison.Ordinal),
        };
        if (prefer is not null)
        {
            headers["Prefer"] = prefer;
        }

        using var response = await patient.SendJsonAsync(HttpMethod.Post, "/fhir/Consent", FhirJson.Serialize(mine.Build()), headers: headers);
        var body = await response.Content.ReadAsStringAsync();
        await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        var theirAudit = await _system.GetStringAsync($"/fhir/AuditEvent?patient={theirs}");

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        Assert.DoesNotContain(theirId, body, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, body, StringComparison.Ordinal);
        Assert.DoesNotContain(theirId, response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(FhirJson.Parse<Bundle>(theirAudit).Entry!.Select(e => (AuditEvent)e.Resource!),
            e => e.Agent![0].Who?.Identifier?.Value == mine.NhsNumber);
    }

    [Fact]
    public async Task Create_WhenAPatientsIfNoneExistMatchesTheirOwnConsent_ThenItIsReturnedAndTheReadAudited()
    {
        var mine = new ConsentBuilder();
        var (_, myId) = await CreateAsync(mine);
        using var patient = Patient(mine.NhsNumber);

        using var response = await patient.SendJsonAsync(HttpMethod.Post, "/fhir/Consent", FhirJson.Serialize(new ConsentBuilder(mine.NhsNumber).Build()),
            headers: new Dictionary<string, string> { ["If-None-Exist"] = $"_id={myId}" });
        await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        var audit = FhirJson.Parse<Bundle>(await _system.GetStringAsync($"/fhir/AuditEvent?patient={mine.NhsNumber}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(myId, FhirJson.Parse<Consent>(await response.Content.ReadAsStringAsync()).Id);
        Assert.Contains(audit.Entry!.Select(e => (AuditEvent)e.Resource!),
            e => e.Subtype![0].Code == "read" && e.Agent![0].Who?.Identifier?.Value == mine.NhsNumber);
    }

    [Fact]
    public async Task History_WhenASystemMovesAConsentFromOnePersonToAnother_ThenEachSeesOnlyTheVersionsThatWereTheirs()
    {
        var first = new ConsentBuilder();
        var (_, id) = await CreateAsync(first);
        var second = new ConsentBuilder();
        var moved = second.Build();
        moved.Id = id;
        using var put = await _system.SendJsonAsync(HttpMethod.Put, $"/fhir/Consent/{id}", FhirJson.Serialize(moved));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var firstPerson = Patient(first.NhsNumber);
        using var secondPerson = Patient(second.NhsNumber);

        var secondsHistory = await secondPerson.GetBundleAsync($"/fhir/Consent/{id}/_history");
        var firstsHistory = await firstPerson.GetBundleAsync($"/fhir/Consent/{id}/_history");
        var secondsSearch = await secondPerson.GetBundleAsync("/fhir/Consent?_count=100");
        using var firstReadsLatest = await firstPerson.GetAsync($"/fhir/Consent/{id}");
        using var firstReadsOwn = await firstPerson.GetAsync($"/fhir/Consent/{id}/_history/1");
        using var secondReadsFirsts = await secondPerson.GetAsync($"/fhir/Consent/{id}/_history/1");

        Assert.Equal(["2"], secondsHistory.Entry!.Select(e => e.Resource!.Meta!.VersionId));
        Assert.DoesNotContain(first.NhsNumber, FhirJson.Serialize(secondsHistory), StringComparison.Ordinal);
        Assert.Equal(["1"], firstsHistory.Entry!.Select(e => e.Resource!.Meta!.VersionId));
        Assert.DoesNotContain(second.NhsNumber, FhirJson.Serialize(firstsHistory), StringComparison.Ordinal);
        Assert.Equal([id], secondsSearch.Entry!.Where(e => e.Search?.Mode?.GetLiteral() == "match").Select(e => e.Resource!.Id));
        Assert.Equal(HttpStatusCode.NotFound, firstReadsLatest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstReadsOwn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, secondReadsFirsts.StatusCode);
    }

    [Fact]
    public async Task History_WhenAPatientDeletesTheirConsent_ThenTheyStillSeeTheDeletionAndNobodyElseDoes()
    {
        var mine = new ConsentBuilder();
        var (_, id) = await CreateAsync(mine);
        using var patient = Patient(mine.NhsNumber);
        using var other = Patient(new ConsentBuilder().NhsNumber);

        using var deleted = await patient.DeleteAsync($"/fhir/Consent/{id}");
        using var read = await patient.GetAsync($"/fhir/Consent/{id}");
        var history = await patient.GetBundleAsync($"/fhir/Consent/{id}/_history");
        using var othersRead = await other.GetAsync($"/fhir/Consent/{id}");
        using var othersHistory = await other.GetAsync($"/fhir/Consent/{id}/_history");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
        Assert.Equal(2, history.Entry!.Count);
        Assert.Equal(HttpStatusCode.NotFound, othersRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersHistory.StatusCode);
    }

    [Fact]
    public async Task Audit_WhenASystemSearchedForTwoPeopleAtOnce_ThenEachPersonsOwnAuditNamesNobodyElse_AndStaffStillSeeTheRequest()
    {
        var (a, aId) = await CreateAsync(new ConsentBuilder());
        var (b, bId) = await CreateAsync(new ConsentBuilder());
        var query = $"/fhir/Consent?patient.identifier={NhsSystem}|{a},{NhsSystem}|{b}&_id={aId},{bId}";
        Assert.Equal(2, (await _system.GetBundleAsync(query)).Entry!.Count(e => e.Search?.Mode?.GetLiteral() == "match"));
        await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        using var patientA = Patient(a);

        var seenByA = await patientA.GetStringAsync("/fhir/AuditEvent");
        var seenByStaff = await _system.GetStringAsync($"/fhir/AuditEvent?patient={a}");

        Assert.Contains(a, seenByA, StringComparison.Ordinal);
        Assert.Contains("One of 2 people covered by this access.", seenByA, StringComparison.Ordinal);
        Assert.DoesNotContain(b, seenByA, StringComparison.Ordinal);
        Assert.DoesNotContain(bId, seenByA, StringComparison.Ordinal);
        Assert.Contains(bId, seenByStaff, StringComparison.Ordinal);
    }

    private HttpClient Patient(string nhsNumber) => api.CreateClientWithToken(api.PatientToken(nhsNumber));

    private async Task<(string NhsNumber, string Id)> CreateAsync(ConsentBuilder builder)
    {
        var created = await api.CreateFhirClient().CreateAsync(builder.Build());
        return (builder.NhsNumber, created.Resource.Id!);
    }
}
