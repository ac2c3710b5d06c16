using System.Net;
using System.Text;
using ConsentApi.Audit;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Audit;

/// <summary>The access audit: one record per person per access, served newest first, and a chain that shows tampering.</summary>
public abstract class AuditTests(ApiFactory api)
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    [Fact]
    public async Task Access_WhenEveryPatientTouchingEndpointIsCalled_ThenExactlyOneRecordPerPatientEach()
    {
        var first = new ConsentBuilder().WithOrganization("Q1A2B");
        var second = new ConsentBuilder().WithOrganization("Q1A2B");
        var created = await _fhir.CreateAsync(first.Build());
        await _fhir.CreateAsync(second.Build());
        var id = created.Resource.Id!;

        await _fhir.ReadAsync<Consent>(id);
        await _fhir.VReadAsync<Consent>(id, "1");
        await _fhir.SearchAsync("Consent", [new("organization:identifier", "https://fhir.nhs.uk/Id/ods-organization-code|Q1A2B")]);
        await _http.GetAsync($"Consent/{id}/_history");
        await _http.GetAsync($"Consent/$evaluate?patient={first.NhsNumber}&purpose=HRESCH&actor=RR8");
        await _http.PostAsync("/cds-services/patient-consent-consult", new StringContent(
            $$$"""{"hook":"patient-consent-consult","hookInstance":"x","context":{"patientId":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{{first.NhsNumber}}}"}],"actor":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RR8"}],"purposeOfUse":["HRESCH"]}}""",
            Encoding.UTF8, "application/json"));

        var kinds = await KindsAsync(first.NhsNumber);
        Assert.Equal(["cds", "evaluate", "history", "search", "vread", "read", "create"], kinds);
        Assert.Equal(["search", "create"], await KindsAsync(second.NhsNumber));
    }

    [Fact]
    public async Task Write_WhenAConsentIsCreatedUpdatedAndDeleted_ThenEachIsAuditedWithTheClientAsActor()
    {
        var builder = new ConsentBuilder();
        var created = await _fhir.CreateAsync(builder.Build());
        await _fhir.UpdateAsync(created.Resource);
        await _http.DeleteAsync($"Consent/{created.Resource.Id}");
        await FlushAsync();

        var bundle = await _fhir.SearchAsync("AuditEvent", [new("patient", builder.NhsNumber)]);
        var writes = bundle.Entry!.Select(e => (AuditEvent)e.Resource!).Where(e => e.Action is AuditEvent.AuditEventAction.C or AuditEvent.AuditEventAction.U or AuditEvent.AuditEventAction.D).ToList();

        Assert.Equal(["D", "U", "C"], writes.Select(w => w.Action!.Value.GetLiteral()));
        Assert.All(writes, w => Assert.Equal(ApiFactory.TestClientId, w.Agent![0].Who!.Identifier!.Value));
        Assert.Equal($"Consent/{created.Resource.Id}/_history/1", writes[^1].Entity![0].Description);
    }

    [Fact]
    public async Task Consult_WhenAskedAboutSeveralPurposes_ThenOneRecordNamingThemAll()
    {
        var nhs = TestNhsNumbers.Next();

        await _http.PostAsync("/cds-services/patient-consent-consult", new StringContent(
            $$$"""{"hook":"patient-consent-consult","hookInstance":"x","context":{"patientId":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{{nhs}}}"},"actor":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RR8"},"purposeOfUse":["HRESCH","HOPERAT"]}}""",
            Encoding.UTF8, "application/json"));
        await FlushAsync();
        var bundle = await _fhir.SearchAsync("AuditEvent", [new("patient", nhs)]);

        var record = (AuditEvent)Assert.Single(bundle.Entry!).Resource!;
        Assert.Equal(["HRESCH", "HOPERAT"], record.PurposeOfEvent!.Select(p => p.Coding![0].Code!));
    }

    [Fact]
    public async Task Access_WhenItTouchesNobody_ThenNothingIsRecorded()
    {
        var nhs = TestNhsNumbers.Next();

        await _fhir.SearchAsync("Consent", [new("patient:identifier", $"https://fhir.nhs.uk/Id/nhs-number|{nhs}")]);
        await _http.GetAsync($"Consent/$evaluate?patient={nhs}&purpose=NOTACODE&actor=RR8");

        Assert.Empty(await KindsAsync(nhs));
    }

    [Fact]
    public async Task SearchAuditEvents_WhenMoreThanAPage_ThenNewestFirstWithNextLink()
    {
        var consent = new ConsentBuilder();
        var id = (await _fhir.CreateAsync(consent.Build())).Resource.Id!;
        for (var i = 0; i < 3; i++)
        {
            await _fhir.ReadAsync<Consent>(id);
        }

        await FlushAsync();
        var page = await _fhir.SearchAsync("AuditEvent", [new("patient", consent.NhsNumber), new("_count", "2")]);
        var next = await _http.GetAsync(page.Link!.Single(l => l.Relation == "next").Url);
        var rest = FhirAdapters.Json.FhirJson.Parse<Bundle>(await next.Content.ReadAsStringAsync());

        var ids = page.Entry!.Concat(rest.Entry!).Select(e => long.Parse(e.Resource!.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, rest.Entry!.Count); // three reads and the create, two a page
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task SearchAuditEvents_WhenServed_ThenOfficialSchemaAcceptsTheBundle()
    {
        var consent = new ConsentBuilder();
        await _fhir.ReadAsync<Consent>((await _fhir.CreateAsync(consent.Build())).Resource.Id!);
        await FlushAsync();

        var json = await _http.GetStringAsync($"AuditEvent?patient={consent.NhsNumber}");

        Assert.Empty(FhirAdapters.Tests.Schema.FhirSchemaOracle.Instance.Validate(json));
    }

    [Theory]
    [InlineData("AuditEvent", "patient")]
    [InlineData("AuditEvent?patient=123", "patient")]
    [InlineData("AuditEvent?patient=9434765919&agent=x", "agent")]
    public async Task SearchAuditEvents_WhenQueryWrong_Then400NamingTheParameter(string path, string parameter)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.OutcomeAsync()).Issue![0].Expression.First());
    }

    [Fact]
    public async Task Verify_WhenARecordIsEdited_ThenTheChainReportsThatRecord()
    {
        var consent = new ConsentBuilder();
        var id = (await _fhir.CreateAsync(consent.Build())).Resource.Id!;
        await _fhir.ReadAsync<Consent>(id);
        await _fhir.ReadAsync<Consent>(id);
        await FlushAsync();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.True((await AuditVerifier.VerifyAsync(db, CancellationToken.None)).Intact);
        var target = await db.AuditRecords.Where(r => r.PatientNhsNumber == consent.NhsNumber).MaxAsync(r => r.Seq);

        await TamperAsync(db, target);
        var result = await AuditVerifier.VerifyAsync(db, CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(target, result.BrokenAt);
        Assert.Contains("changed after it was written", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WhenAppliedToAnAuditRecord_ThenTheDatabaseRefusesIt()
    {
        var consent = new ConsentBuilder();
        await _fhir.ReadAsync<Consent>((await _fhir.CreateAsync(consent.Build())).Resource.Id!);
        await FlushAsync();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET agent_id = 'someone else'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"));
        if (db.Database.IsNpgsql())
        {
            // PostgreSQL's links are rows of the old table (SQLite's are in the sorted runs, decision 12): refused too.
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_event_patients"));
        }
    }

    [Fact]
    public async Task Append_WhenABatchNeedsSeveralStatements_ThenEveryRecordAndLinkIsStoredInOrderAndTheChainHolds()
    {
        // Two full multi-row statements and a short one, in one transaction, as the writer appends a busy batch.
        var people = Enumerable.Range(0, (MultiRowInsert.MaxRows * 2) + 3)
            .Select(_ => long.Parse(TestNhsNumbers.Next(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var actor = new AuditActor("client", "batch-" + Guid.NewGuid().ToString("N")[..8], "X26", null);
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        long first;
        await using (var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None))
        {
            first = await AuditAppender.AppendAsync(db, transaction.Transaction,
                people.Select(nhs => new AuditEntry("read", "R", actor, [nhs], "HRESCH", $"read for {nhs}")), DateTimeOffset.UtcNow, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        var records = await db.AuditRecords.AsNoTracking().Where(r => r.AgentId == actor.Id).OrderBy(r => r.Seq).ToListAsync();
        var linked = new List<List<long>>();
        foreach (var nhs in people)
        {
            linked.Add(await AuditPersonIndex.SeqsAsync(db, nhs, long.MaxValue, 10, CancellationToken.None));
        }

        Assert.Equal(Enumerable.Range(0, people.Count).Select(i => first + i), records.Select(r => r.Seq));
        Assert.Equal(people.Select(p => p.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)), records.Select(r => r.PatientNhsNumber));
        Assert.Equal(people.Select((_, i) => new List<long> { first + i }), linked);
        Assert.Equal($"read for {people[^1]}", records[^1].Detail);
        Assert.True((await AuditVerifier.VerifyAsync(db, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Append_WhenOneSetOfInsertsServesALaterTransaction_ThenItsPreparedStatementsStoreThatBatchToo()
    {
        // As the audit writer does: one connection, one set of inserts, batch after batch. The second batch runs the
        // statements the first prepared (the largest size and 1) inside a new transaction.
        var actor = new AuditActor("client", "reuse-" + Guid.NewGuid().ToString("N")[..8], "X26", null);
        var batches = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, MultiRowInsert.MaxRows + 1)
            .Select(_ => long.Parse(TestNhsNumbers.Next(), System.Globalization.CultureInfo.InvariantCulture)).ToList()).ToList();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var inserts = new AuditInserts();
        foreach (var batch in batches)
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None);
            await AuditAppender.AppendAsync(db, transaction.Transaction, batch.Select(nhs => new AuditEntry("read", "R", actor, [nhs], "HRESCH", null)),
                DateTimeOffset.UtcNow, inserts, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        var records = await db.AuditRecords.AsNoTracking().Where(r => r.AgentId == actor.Id).OrderBy(r => r.Seq).ToListAsync();
        var linked = new List<List<long>>();
        foreach (var record in records)
        {
            linked.Add(await AuditPersonIndex.SeqsAsync(db, long.Parse(record.PatientNhsNumber!, System.Globalization.CultureInfo.InvariantCulture),
                long.MaxValue, 10, CancellationToken.None));
        }

        Assert.Equal(batches.SelectMany(b => b).Select(p => p.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)),
            records.Select(r => r.PatientNhsNumber));
        Assert.Equal(records.Select(r => new List<long> { r.Seq }), linked);
        Assert.True((await AuditVerifier.VerifyAsync(db, CancellationToken.None)).Intact);
    }

    /// <summary>Reads and decisions are answered before their record is committed (within milliseconds): wait for it.</summary>
    private Task FlushAsync() => api.Services.GetRequiredService<AuditLog>().FlushAsync(CancellationToken.None);

    /// <summary>Edits a record the way someone with direct database access would: switching off the guard, then back on.</summary>
    protected abstract Task TamperAsync(RegistryDbContext db, long seq);

    private async Task<List<string>> KindsAsync(string nhs)
    {
        await FlushAsync();
        var bundle = await _fhir.SearchAsync("AuditEvent", [new("patient", nhs)]);
        return [.. (bundle.Entry ?? []).Select(e => ((AuditEvent)e.Resource!).Subtype![0].Code!)];
    }
}
