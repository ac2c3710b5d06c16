using Hl7.Fhir.Rest;
using System.Net;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Consents;

public abstract class ConsentCrudTests(ApiFactory api)
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();
    private readonly HttpClient _http = api.CreateFhirHttpClient();

    [Fact]
    public async Task Create_WhenValid_Then201WithLocationETagAndMeta()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("W/\"1\"", created.ETag);
        Assert.NotNull(created.LastModified);
        Assert.EndsWith($"/fhir/Consent/{created.Resource.Id}/_history/1", created.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("1", created.Resource.Meta!.VersionId);
        Assert.True(FhirDateRange.TryParse(created.Resource.Meta.LastUpdatedElement?.ToString(), out _));
    }

    [Fact]
    public async Task Create_WhenBodyHasId_ThenServerAssignsItsOwn()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().With(c => c.Id = "my-own-id").Build());

        Assert.NotEqual("my-own-id", created.Resource.Id);
    }

    [Fact]
    public async Task Read_WhenCreated_ThenSameResourceAndHeaders()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());

        var read = await _fhir.ReadAsync<Consent>(created.Resource.Id!);

        Assert.Equal(FhirJson.Serialize(created.Resource), FhirJson.Serialize(read.Resource));
        Assert.Equal("W/\"1\"", read.ETag);
        Assert.Equal(created.LastModified, read.LastModified);
    }

    [Fact]
    public async Task Update_WhenIfMatchIsCurrent_ThenNewVersionAndOldOneUnchanged()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        var changed = created.Resource;
        changed.Status = Consent.ConsentState.Inactive;

        var updated = await _fhir.UpdateAsync(changed, ifMatchVersion: "1");
        var first = await _fhir.VReadAsync<Consent>(created.Resource.Id!, "1");

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("2", updated.Resource.Meta!.VersionId);
        Assert.Equal("W/\"2\"", updated.ETag);
        Assert.Equal("inactive", updated.Resource.Status?.GetLiteral());
        Assert.Equal("active", first.Resource.Status?.GetLiteral());
        Assert.Equal("1", first.Resource.Meta!.VersionId);
    }

    [Fact]
    public async Task Update_WhenIfMatchIsStale_Then412AndNothingWritten()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        await _fhir.UpdateAsync(created.Resource, ifMatchVersion: "1");

        var error = await Assert.ThrowsAsync<FhirOperationException>(() => _fhir.UpdateAsync(created.Resource, ifMatchVersion: "1"));
        var history = await _fhir.HistoryAsync("Consent", created.Resource.Id);

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
        Assert.Contains("is at version 2, not 1", error.Outcome!.Issue![0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(2, history.Entry!.Count);
    }

    [Fact]
    public async Task Update_WhenIfMatchIsNotAnETag_Then400()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());

        var response = await _http.SendJsonAsync(HttpMethod.Put, $"Consent/{created.Resource.Id}", FhirJson.Serialize(created.Resource),
            headers: new Dictionary<string, string> { ["If-Match"] = "yesterday" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("If-Match", (await response.OutcomeAsync()).Issue![0].Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Consent.id is missing")]
    [InlineData("other-id", "does not match")]
    public async Task Update_WhenBodyIdWrong_Then400(string? bodyId, string message)
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        var id = created.Resource.Id;
        created.Resource.Id = bodyId;

        var response = await _http.SendJsonAsync(HttpMethod.Put, $"Consent/{id}", FhirJson.Serialize(created.Resource));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.OutcomeAsync()).Issue![0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("1", (await _fhir.ReadAsync<Consent>(id!)).Resource.Meta!.VersionId);
    }

    [Fact]
    public async Task Update_WhenIdUnknown_Then404SayingToUsePost()
    {
        var consent = new ConsentBuilder().With(c => c.Id = "never-created").Build();

        var error = await Assert.ThrowsAsync<FhirOperationException>(() => _fhir.UpdateAsync(consent));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("POST", error.Outcome!.Issue![0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WhenExists_ThenReadGives410AndHistoryKeepsEveryVersion()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        await _fhir.UpdateAsync(created.Resource);

        await _fhir.DeleteAsync("Consent", created.Resource.Id!);
        var read = await _http.GetAsync($"Consent/{created.Resource.Id}");
        var history = await _fhir.HistoryAsync("Consent", created.Resource.Id);
        var first = await _fhir.VReadAsync<Consent>(created.Resource.Id!, "1");

        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
        Assert.Equal("deleted", (await read.OutcomeAsync()).Issue![0].Code?.GetLiteral());
        Assert.Equal(["DELETE", "PUT", "POST"], history.Entry!.Select(e => e.Request!.Method?.GetLiteral()));
        Assert.Null(history.Entry![0].Resource);
        Assert.Equal("1", first.Resource.Meta!.VersionId);
    }

    [Fact]
    public async Task Delete_WhenAlreadyDeleted_ThenOkAndNoNewVersion()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        await _fhir.DeleteAsync("Consent", created.Resource.Id!);

        await _fhir.DeleteAsync("Consent", created.Resource.Id!);
        var history = await _fhir.HistoryAsync("Consent", created.Resource.Id);

        Assert.Equal(2, history.Entry!.Count);
    }

    [Fact]
    public async Task Delete_WhenIfMatchStale_Then412AndStillReadable()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        await _fhir.UpdateAsync(created.Resource);

        var error = await Assert.ThrowsAsync<FhirOperationException>(() => _fhir.DeleteAsync("Consent", created.Resource.Id!, ifMatchVersion: "1"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
        Assert.Equal("2", (await _fhir.ReadAsync<Consent>(created.Resource.Id!)).Resource.Meta!.VersionId);
    }

    [Fact]
    public async Task Update_WhenDeleted_ThenItComesBackAsNextVersion()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        await _fhir.DeleteAsync("Consent", created.Resource.Id!);

        var revived = await _fhir.UpdateAsync(created.Resource);

        Assert.Equal("3", revived.Resource.Meta!.VersionId);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("abc")]
    public async Task VRead_WhenVersionDoesNotExist_Then404(string version)
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());

        var response = await _http.GetAsync($"Consent/{created.Resource.Id}/_history/{version}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.OutcomeAsync();
    }

    [Fact]
    public async Task Read_WhenUnknownOrInvalidId_Then404Or400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("Consent/does-not-exist")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("Consent/has%20space")).StatusCode);
    }

    [Fact]
    public async Task Create_WhenIfNoneExistMatchesOne_Then200WithExistingAndNothingCreated()
    {
        var identifier = Guid.NewGuid().ToString();
        var first = await _fhir.CreateAsync(new ConsentBuilder().WithIdentifier("https://supplier.example/id", identifier).Build());

        var again = await _fhir.CreateAsync(new ConsentBuilder().WithIdentifier("https://supplier.example/id", identifier).Build(),
            ifNoneExist: $"identifier=https://supplier.example/id|{identifier}");
        var found = await _fhir.SearchAsync("Consent", [new("identifier", $"https://supplier.example/id|{identifier}")]);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Resource.Id, again.Resource.Id);
        Assert.Single(found.Consents());
    }

    [Fact]
    public async Task Create_WhenIfNoneExistMatchesSeveral_Then412()
    {
        var identifier = Guid.NewGuid().ToString();
        await _fhir.CreateAsync(new ConsentBuilder().WithIdentifier("https://supplier.example/id", identifier).Build());
        await _fhir.CreateAsync(new ConsentBuilder().WithIdentifier("https://supplier.example/id", identifier).Build());

        var error = await Assert.ThrowsAsync<FhirOperationException>(() =>
            _fhir.CreateAsync(new ConsentBuilder().Build(), ifNoneExist: $"identifier=https://supplier.example/id|{identifier}"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
    }

    [Fact]
    public async Task Create_WhenIfNoneExistHasUnknownParameter_Then400RatherThanIgnoringIt()
    {
        var error = await Assert.ThrowsAsync<FhirOperationException>(() => _fhir.CreateAsync(new ConsentBuilder().Build(), ifNoneExist: "colour=blue"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
    }

    [Fact]
    public async Task Create_WhenPatientAlreadyHasConsentForPolicy_Then422DuplicateNamingIt()
    {
        var builder = new ConsentBuilder();
        var first = await _fhir.CreateAsync(builder.Build());

        var error = await Assert.ThrowsAsync<FhirOperationException>(() => _fhir.CreateAsync(new ConsentBuilder(builder.NhsNumber).Build()));
        var otherPolicy = await _fhir.CreateAsync(new ConsentBuilder(builder.NhsNumber).WithPolicy("national-data-opt-out/planning").Build());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("duplicate", error.Outcome!.Issue![0].Code?.GetLiteral());
        Assert.Contains($"Consent/{first.Resource.Id}", error.Outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, otherPolicy.Status);
    }

    [Fact]
    public async Task Create_WhenEarlierConsentEnteredInError_ThenNewOneAccepted()
    {
        var builder = new ConsentBuilder();
        var first = await _fhir.CreateAsync(builder.Build());
        first.Resource.Status = Consent.ConsentState.EnteredInError;
        await _fhir.UpdateAsync(first.Resource);

        var second = await _fhir.CreateAsync(new ConsentBuilder(builder.NhsNumber).Build());

        Assert.Equal(HttpStatusCode.Created, second.Status);
    }

    [Fact]
    public async Task Create_WhenRejected_ThenNothingIsStored()
    {
        var nhs = TestNhsNumbers.Next();
        var invalid = new ConsentBuilder(nhs).WithStatus("enabled").Build();

        var error = await Assert.ThrowsAsync<FhirOperationException>(() => _fhir.CreateAsync(invalid));
        var found = await _fhir.SearchAsync("Consent", [new("patient:identifier", $"{NhsNumber.System}|{nhs}"), new("_total", "accurate")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(0, found.Total);
    }

    [Theory]
    [InlineData("return=minimal", "")]
    [InlineData("return=OperationOutcome", "OperationOutcome")]
    [InlineData("return=representation", "Consent")]
    public async Task Create_WhenPreferGiven_ThenBodyFollowsIt(string prefer, string expected)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Post, "Consent", FhirJson.Serialize(new ConsentBuilder().Build()),
            headers: new Dictionary<string, string> { ["Prefer"] = prefer });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal("W/\"1\"", response.Headers.ETag!.ToString());
        if (expected.Length == 0)
        {
            Assert.Empty(body);
        }
        else
        {
            Assert.Equal(expected, FhirJson.ParseResource(System.Text.Encoding.UTF8.GetBytes(body)).TypeName);
        }
    }

    [Fact]
    public async Task History_WhenInstance_ThenNewestFirstWithRequestAndResponse()
    {
        var created = await _fhir.CreateAsync(new ConsentBuilder().Build());
        await _fhir.UpdateAsync(created.Resource);

        var history = await _fhir.HistoryAsync("Consent", created.Resource.Id);

        Assert.Equal("history", history.Type?.GetLiteral());
        Assert.Equal(["W/\"2\"", "W/\"1\""], history.Entry!.Select(e => e.Response!.Etag));
        Assert.Equal(["200 OK", "201 Created"], history.Entry!.Select(e => e.Response!.Status));
        Assert.Equal("Consent", history.Entry![1].Request!.Url);
        Assert.All(history.Entry!, e => Assert.EndsWith($"/fhir/Consent/{created.Resource.Id}", e.FullUrl, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_WhenTypeLevelWithSinceAndCount_ThenPagedNewestFirst()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _fhir.CreateAsync(new ConsentBuilder().Build())).Resource.Id!);
        }

        var page = await _fhir.HistoryAsync("Consent", parameters: [new("_since", FhirDateRange.FormatInstant(since)), new("_count", "2")]);
        var next = await _fhir.FollowAsync(page);

        Assert.Equal(2, page.Entry!.Count);
        Assert.NotNull(next);
        var seen = page.Entry!.Concat(next!.Entry ?? []).Select(e => e.FullUrl!.Split('/')[^1]).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(ids[^1], seen[0]);
    }

    [Theory]
    [InlineData("_at=2024")]
    [InlineData("_since=yesterday")]
    [InlineData("_count=0")]
    [InlineData("_snapshot=abc")]
    [InlineData("_snapshot=5&_offset=-3")]
    public async Task History_WhenParameterUnsupportedOrInvalid_Then400(string query)
    {
        var response = await _http.GetAsync("Consent/_history?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.OutcomeAsync();
    }
}
