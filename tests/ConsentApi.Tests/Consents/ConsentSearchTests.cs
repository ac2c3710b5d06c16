using System.Net;
using ConsentApi.Tests.Support;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Consents;

public abstract class ConsentSearchTests(ApiFactory api)
{
    private const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    /// <summary>A Consent with every searchable element filled, for one fresh patient.</summary>
    private async Task<Consent> CreateRichAsync(string nhs, string performer, string ods)
    {
        var consent = new ConsentBuilder(nhs)
            .WithOrganization(ods)
            .WithIdentifier("https://supplier.example/consent-id", nhs + "-rich")
            .WithPeriod("2025-01-01", "2025-12-31")
            .With(c =>
            {
                c.Patient!.Reference = "Patient/p-" + nhs;
                c.Performer = [FhirReferences.ToIdentifier("RelatedPerson", NhsNumber.System, performer)];
                c.Source = new ResourceReference { Reference = "DocumentReference/form-" + nhs };
                c.Provision!.Action = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "disclose", "Disclose")];
                c.Provision.Actor = [new Consent.provisionActorComponent
                {
                    Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
                    Reference = new ResourceReference { Reference = "Organization/recipient-" + ods, Identifier = new Identifier(OdsCode.System, ods) },
                }];
                c.Provision.Data = [new Consent.provisionDataComponent { Meaning = Consent.ConsentDataMeaning.Related, Reference = new ResourceReference { Reference = "Encounter/enc-" + nhs } }];
                c.Provision.SecurityLabel = [new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R")];
            })
            .Build();
        return (await _fhir.CreateAsync(consent)).Resource;
    }

    private async Task<List<string>> IdsAsync(params (string Key, string Value)[] parameters)
    {
        var bundle = await _fhir.SearchAsync("Consent", parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        return [.. bundle.Consents().Select(c => c.Id!)];
    }

    private static string Ods() => "Y" + Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, string, bool> ParameterCases() => new()
    {
        { "status", "active", true },
        { "status", "inactive", false },
        { "status:not", "inactive", true },
        { "scope", "http://terminology.hl7.org/CodeSystem/consentscope|patient-privacy", true },
        { "scope", "|patient-privacy", false },
        { "category", "http://loinc.org|59284-0", true },
        { "category", "59284-0", true },
        { "category:text", "patient cons", true },
        { "category:missing", "false", true },
        { "identifier", "https://supplier.example/consent-id|", true },
        { "identifier", "https://other.example|x", false },
        { "action", "http://terminology.hl7.org/CodeSystem/consentaction|disclose", true },
        { "action:text", "disclose", true },
        { "purpose", ActReason + "|HRESCH", true },
        { "purpose", ActReason + "|HOPERAT", false },
        { "purpose", ActReason + "|HOPERAT," + ActReason + "|HRESCH", true },
        { "security-label", "http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R", true },
        { "policy", ConsentBuilder.PolicyBase + "national-data-opt-out/research", true },
        { "policy", ConsentBuilder.PolicyBase + "national-data-opt-out/planning", false },
        { "data", "Encounter/enc-{nhs}", true },
        { "data:missing", "true", false },
        { "source-reference", "DocumentReference/form-{nhs}", true },
        { "source-reference", "form-{nhs}", true },
        { "consentor:identifier", NhsNumber.System + "|{performer}", true },
        { "consentor:identifier", NhsNumber.System + "|{nhs}", false },
        { "consentor:missing", "true", false },
        { "actor", "Organization/recipient-{ods}", true },
        { "actor:Organization", "recipient-{ods}", true },
        { "actor:identifier", OdsCode.System + "|{ods}", true },
        { "organization:identifier", OdsCode.System + "|{ods}", true },
        { "organization.identifier", OdsCode.System + "|{ods}", true },
        { "patient", "Patient/p-{nhs}", true },
        { "patient", "p-{nhs}", true },
        { "patient", "{base}/Patient/p-{nhs}", true },
        { "patient:identifier", "{nhs}", true },
        { "date", "2025-06-02", true },
        { "date", "eq2025-06-03", false },
        { "date", "ne2025-06-03", true },
        { "date", "gt2025-06-01", true },
        { "date", "gt2025-06-02", false },
        { "date", "lt2025-06-03", true },
        { "date", "lt2025-06-02T10:15:00Z", false },
        { "date", "ge2025-06-02", true },
        { "date", "ge2025-06-03", false },
        { "date", "le2025-06-02", true },
        { "date", "le2025-06-01", false },
        { "date", "sa2025-06-01", true },
        { "date", "sa2025-06-02", false },
        { "date", "eb2025-06-03", true },
        { "date", "eb2025-06-02", false },
        { "date", "ap2025-06-02", true },
        { "date", "2025-06-02T11:15:00+01:00", true },
        { "date", "2025", true },
        { "date", "2024,2025", true },
        { "period", "2025-06", false },
        { "period", "ge2025-06-01", true },
        { "period", "sa2024-12-31", true },
        { "period", "sa2025-01-01", false },
        { "period", "eb2026", true },
        { "period", "lt2024", false },
        { "period:missing", "false", true },
    };

    [Theory]
    [MemberData(nameof(ParameterCases))]
    public async Task Search_WhenParameterGiven_ThenMatchesPerFhirSemantics(string name, string value, bool matches)
    {
        var nhs = TestNhsNumbers.Next();
        var performer = TestNhsNumbers.Next();
        var ods = Ods();
        var created = await CreateRichAsync(nhs, performer, ods);
        var baseUrl = _http.BaseAddress!.ToString().TrimEnd('/');
        var expanded = value.Replace("{nhs}", nhs, StringComparison.Ordinal).Replace("{ods}", ods, StringComparison.Ordinal)
            .Replace("{performer}", performer, StringComparison.Ordinal).Replace("{base}", baseUrl, StringComparison.Ordinal);

        var ids = await IdsAsync(("patient:identifier", $"{NhsNumber.System}|{nhs}"), (name, expanded));

        Assert.Equal(matches, ids.Contains(created.Id!));
    }

    [Fact]
    public async Task Search_WhenPatientIdentifierChained_ThenOnlyThatPersonsConsents()
    {
        var nhs = TestNhsNumbers.Next();
        var mine = await _fhir.CreateAsync(new ConsentBuilder(nhs).Build());
        var alsoMine = await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("type-1").Build());
        await _fhir.CreateAsync(new ConsentBuilder().Build());

        var ids = await IdsAsync(("patient.identifier", $"{NhsNumber.System}|{nhs}"));

        Assert.Equal(new[] { mine.Resource.Id, alsoMine.Resource.Id }.Order(), ids.Order());
    }

    [Fact]
    public async Task Search_WhenIdAndLastUpdated_ThenMatched()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var a = (await _fhir.CreateAsync(new ConsentBuilder().Build())).Resource.Id!;
        var b = (await _fhir.CreateAsync(new ConsentBuilder().Build())).Resource.Id!;

        Assert.Equal(new[] { a, b }.Order(), (await IdsAsync(("_id", $"{a},{b}"))).Order());
        Assert.Equal([a], await IdsAsync(("_id", a), ("_lastUpdated", "ge" + FhirDateRange.FormatInstant(before))));
        Assert.Empty(await IdsAsync(("_id", a), ("_lastUpdated", "lt" + FhirDateRange.FormatInstant(before))));
    }

    [Fact]
    public async Task Search_WhenResourceDeletedOrUpdated_ThenOnlyCurrentVersionsMatch()
    {
        var nhs = TestNhsNumbers.Next();
        var deleted = (await _fhir.CreateAsync(new ConsentBuilder(nhs).Build())).Resource;
        var updated = (await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("type-1").Build())).Resource;
        await _fhir.DeleteAsync("Consent", deleted.Id!);
        updated.Status = Consent.ConsentState.Inactive;
        await _fhir.UpdateAsync(updated);

        var active = await IdsAsync(("patient:identifier", nhs), ("status", "active"));
        var inactive = await IdsAsync(("patient:identifier", nhs), ("status", "inactive"));

        Assert.Empty(active);
        Assert.Equal([updated.Id!], inactive);
    }

    [Fact]
    public async Task Search_WhenSortedByDate_ThenOrderFollowsIt()
    {
        var nhs = TestNhsNumbers.Next();
        var middle = (await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("a").WithDateTime("2024-05-01").Build())).Resource.Id!;
        var oldest = (await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("b").WithDateTime("2020-01-01").Build())).Resource.Id!;
        var newest = (await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("c").WithDateTime("2026-02-01").Build())).Resource.Id!;

        Assert.Equal([oldest, middle, newest], await IdsAsync(("patient:identifier", nhs), ("_sort", "date")));
        Assert.Equal([newest, middle, oldest], await IdsAsync(("patient:identifier", nhs), ("_sort", "-date,_id")));
    }

    [Fact]
    public async Task Search_WhenPagedWhileDataChanges_ThenPagesStayStable()
    {
        var ods = Ods();
        var created = new List<Consent>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await _fhir.CreateAsync(new ConsentBuilder().WithOrganization(ods).Build())).Resource);
        }

        var page = await _fhir.SearchAsync("Consent", [new("organization:identifier", $"{OdsCode.System}|{ods}"), new("_count", "2"), new("_sort", "_id")]);
        await _fhir.CreateAsync(new ConsentBuilder().WithOrganization(ods).Build());
        await _fhir.DeleteAsync("Consent", created[4].Id!);
        var seen = page.Consents().Select(c => c.Id!).ToList();
        while (await _fhir.FollowAsync(page) is { } next)
        {
            seen.AddRange(next.Consents().Select(c => c.Id!));
            page = next;
        }

        Assert.Equal(created.Select(c => c.Id!).Order(StringComparer.Ordinal), seen);
        Assert.NotNull(page.LinkUrl("previous"));
    }

    [Fact]
    public async Task Search_WhenTotalOrSummaryCountAsked_ThenTotalGiven()
    {
        var ods = Ods();
        for (var i = 0; i < 3; i++)
        {
            await _fhir.CreateAsync(new ConsentBuilder().WithOrganization(ods).Build());
        }

        var organization = new KeyValuePair<string, string>("organization:identifier", $"{OdsCode.System}|{ods}");
        var withTotal = await _fhir.SearchAsync("Consent", [organization, new("_total", "accurate"), new("_count", "1")]);
        var countOnly = await _fhir.SearchAsync("Consent", [organization, new("_summary", "count")]);
        var noTotal = await _fhir.SearchAsync("Consent", [organization]);

        Assert.Equal(3, withTotal.Total);
        Assert.Single(withTotal.Consents());
        Assert.Equal(3, countOnly.Total);
        Assert.Empty(countOnly.Entry);
        Assert.Null(noTotal.Total);
    }

    [Fact]
    public async Task Search_WhenPostedAsForm_ThenSameAsGet()
    {
        var nhs = TestNhsNumbers.Next();
        var id = (await _fhir.CreateAsync(new ConsentBuilder(nhs).Build())).Resource.Id!;

        var posted = await _fhir.SearchAsync("Consent", [new("patient:identifier", $"{NhsNumber.System}|{nhs}")], usePost: true);

        Assert.Equal([id], posted.Consents().Select(c => c.Id!));
    }

    [Fact]
    public async Task Search_WhenUnknownParameterLenient_ThenIgnoredAndReportedInOutcomeEntry()
    {
        var bundle = await (await _http.GetAsync("Consent?colour=blue&_count=1")).BundleAsync();

        var outcome = Assert.IsType<OperationOutcome>(bundle.Entry![0].Resource);
        Assert.Equal("outcome", bundle.Entry[0].Search!.Mode?.GetLiteral());
        Assert.Contains("colour", outcome.Issue![0].Diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("colour", bundle.LinkUrl("self"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WhenUnknownParameterStrict_Then400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "Consent?colour=blue");
        request.Headers.Add("Prefer", "handling=strict");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("colour", (await response.OutcomeAsync()).Issue![0].Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date=2025-13-01", "date")]
    [InlineData("date=xx2025", "date")]
    [InlineData("_count=-1", "_count")]
    [InlineData("_count=abc", "_count")]
    [InlineData("_sort=colour", "_sort")]
    [InlineData("status:below=active", ":below")]
    [InlineData("patient.name=Smith", "patient.name")]
    [InlineData("patient=Patient/a/b/c", "patient")]
    [InlineData("_summary=maybe", "_summary")]
    [InlineData("_total=maybe", "_total")]
    [InlineData("status:missing=perhaps", "missing")]
    [InlineData("identifier=a|b|c", "more than one '|'")]
    [InlineData("_snapshot=abc", "_snapshot")]
    public async Task Search_WhenValueInvalid_Then400NamingParameter(string query, string named)
    {
        var response = await _http.GetAsync("Consent?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await response.OutcomeAsync()).Issue![0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WhenCountAboveMaximum_ThenClampedAndSaid()
    {
        var bundle = await (await _http.GetAsync("Consent?_count=100000")).BundleAsync();

        var outcome = Assert.IsType<OperationOutcome>(bundle.Entry![0].Resource);
        Assert.Contains("1000", outcome.Issue![0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WhenValueHasEscapedComma_ThenItIsOneValue()
    {
        var value = "a,b-" + Guid.NewGuid();
        var id = (await _fhir.CreateAsync(new ConsentBuilder().WithIdentifier("https://supplier.example/escaped", value).Build())).Resource.Id!;

        var ids = await IdsAsync(("identifier", "https://supplier.example/escaped|" + value.Replace(",", "\\,", StringComparison.Ordinal)));

        Assert.Equal([id], ids);
    }

    [Fact]
    public async Task Search_WhenInjectionLikeValues_ThenTreatedAsData()
    {
        var ids = await IdsAsync(("identifier", "x' OR '1'='1"), ("patient", "1; DROP TABLE consent_versions;--"), ("category:text", "%_"));

        Assert.Empty(ids);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("Consent?_count=1")).StatusCode);
    }
}
