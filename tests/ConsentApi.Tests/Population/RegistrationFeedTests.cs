using System.Net;
using System.Text.Json;
using ConsentApi.Identity;
using ConsentApi.Population;
using ConsentApi.Tests.Support;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Population;

/// <summary>
/// The day-to-day registrations feed over real HTTP, as the demographics service's relay calls it with
/// system/Patient.cru: new people, moves, deaths and removals become further rows (nothing overwritten), the answer is
/// what the registry now holds, and a bad Patient gets a 4xx naming the element with nothing stored.
/// </summary>
public abstract class RegistrationFeedTests(ApiFactory api)
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private const string PracticeA = "Y91001";
    private const string PracticeB = "Y91002";

    [Fact]
    public async Task Put_WhenAPersonRegistersMovesAndDies_ThenEachIsAFurtherRowAndTheAnswerIsWhatIsHeld()
    {
        var feed = await FeedAsync();
        var nhs = TestNhsNumbers.Next();

        using var first = await PutAsync(feed, nhs, new PatientBuilder(nhs).RegisteredAt(PracticeA, "2020-01-01"));
        using var moved = await PutAsync(feed, nhs, new PatientBuilder(nhs).RegisteredAt(PracticeB, "2025-03-01"));
        using var died = await PutAsync(feed, nhs, new PatientBuilder(nhs).RegisteredAt(PracticeB, "2025-03-01").Died("2026-06-10"));
        using var again = await PutAsync(feed, nhs, new PatientBuilder(nhs).RegisteredAt(PracticeB, "2025-03-01").Died("2026-06-10"));
        var read = JsonDocument.Parse(await feed.GetStringAsync($"/fhir/Patient/{nhs}")).RootElement;

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, moved.StatusCode, died.StatusCode));
        Assert.EndsWith($"/fhir/Patient/{nhs}", first.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal([(PracticeA, "2020-01-01", ""), (PracticeB, "2025-03-01", ""), ("", "2026-06-11", "death")],
            (await RowsAsync(nhs)).Select(r => (r.PracticeOdsCode, Day(r.RegisteredFromTicks), r.EndedReason ?? "")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("2026-06-10", read.GetProperty("deceasedDateTime").GetString());
        var practices = read.GetProperty("generalPractitioner").EnumerateArray().Select(g => g.GetProperty("identifier")).ToList();
        Assert.Equal([(PracticeA, "2020-01-01", "2025-02-28"), (PracticeB, "2025-03-01", "2026-06-10")], practices.Select(i =>
            (i.GetProperty("value").GetString(), i.GetProperty("period").GetProperty("start").GetString(), i.GetProperty("period").GetProperty("end").GetString())));
    }

    [Fact]
    public async Task Put_WhenARegistrationEnds_ThenTheDayAfterIsARemoval()
    {
        var feed = await FeedAsync();
        var nhs = TestNhsNumbers.Next();

        using var ended = await PutAsync(feed, nhs, new PatientBuilder(nhs).RegisteredAt(PracticeA, "2021-05-01", "2026-09-30"));

        Assert.Equal(HttpStatusCode.Created, ended.StatusCode);
        Assert.Equal([(PracticeA, "2021-05-01", ""), ("", "2026-10-01", "removal")],
            (await RowsAsync(nhs)).Select(r => (r.PracticeOdsCode, Day(r.RegisteredFromTicks), r.EndedReason ?? "")));
    }

    [Theory]
    [InlineData("unknown practice", "Practice Y99999 is not one the registry knows", "Patient.generalPractitioner.identifier.value")]
    [InlineData("overlapping periods", "which overlaps the registration at Y91002 from 2024-01-01", "Patient.generalPractitioner[0].identifier.period")]
    [InlineData("death without a date", "give deceasedDateTime instead", "Patient.deceasedBoolean")]
    [InlineData("other gender", "cannot be counted", "Patient.gender")]
    public async Task Put_WhenThePatientIsWrong_Then422NamingTheElementAndNothingIsStored(string wrong, string message, string expression)
    {
        var feed = await FeedAsync();
        var nhs = TestNhsNumbers.Next();
        var patient = wrong switch
        {
            "unknown practice" => new PatientBuilder(nhs).RegisteredAt("Y99999", "2020-01-01"),
            "overlapping periods" => new PatientBuilder(nhs).RegisteredAt(PracticeA, "2020-01-01", "2024-06-30").RegisteredAt(PracticeB, "2024-01-01"),
            "death without a date" => new PatientBuilder(nhs).RegisteredAt(PracticeA, "2020-01-01").With(p => p.Deceased = new Hl7.Fhir.Model.FhirBoolean(true)),
            _ => new PatientBuilder(nhs).RegisteredAt(PracticeA, "2020-01-01").With(p => p.Gender = Hl7.Fhir.Model.AdministrativeGender.Other),
        };

        using var response = await PutAsync(feed, nhs, patient);
        var issue = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("issue")[0];

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, issue.GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        Assert.Equal(expression, issue.GetProperty("expression")[0].GetString());
        Assert.Empty(await RowsAsync(nhs));
    }

    [Fact]
    public async Task Put_WhenTheUrlAndTheBodyNameDifferentPeopleOrTheUrlNamesNobody_Then400()
    {
        var feed = await FeedAsync();
        var nhs = TestNhsNumbers.Next();

        using var other = await PutAsync(feed, TestNhsNumbers.Next(), new PatientBuilder(nhs).RegisteredAt(PracticeA, "2020-01-01"));
        using var none = await feed.SendJsonAsync(HttpMethod.Put, "/fhir/Patient", new PatientBuilder(nhs).RegisteredAt(PracticeA, "2020-01-01").Json());
        using var bad = await feed.SendJsonAsync(HttpMethod.Put, $"/fhir/Patient?identifier={NhsSystem}|9434765918", new PatientBuilder(nhs).Json());

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (other.StatusCode, none.StatusCode, bad.StatusCode));
        Assert.Contains("they must be the same person", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(nhs));
    }

    [Fact]
    public async Task Post_WhenThePersonIsAlreadyHeld_Then409_AndWithIfNoneExistNamingThem200AndNothingChanged()
    {
        var feed = await FeedAsync();
        var nhs = TestNhsNumbers.Next();
        var patient = new PatientBuilder(nhs).RegisteredAt(PracticeA, "2020-01-01").Json();

        using var created = await feed.SendJsonAsync(HttpMethod.Post, "/fhir/Patient", patient);
        using var duplicate = await feed.SendJsonAsync(HttpMethod.Post, "/fhir/Patient", new PatientBuilder(nhs).RegisteredAt(PracticeB, "2026-01-01").Json());
        using var retried = await feed.SendJsonAsync(HttpMethod.Post, "/fhir/Patient", new PatientBuilder(nhs).RegisteredAt(PracticeB, "2026-01-01").Json(),
            headers: new Dictionary<string, string> { ["If-None-Exist"] = $"identifier={NhsSystem}|{nhs}" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.OK), (created.StatusCode, duplicate.StatusCode, retried.StatusCode));
        Assert.Contains("PUT /fhir/Patient?identifier=", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([PracticeA], (await RowsAsync(nhs)).Select(r => r.PracticeOdsCode));
    }

    [Fact]
    public async Task Put_WhenARegistrationFromTheSameDayIsAtAnotherPractice_Then409AndTheFirstStands()
    {
        var feed = await FeedAsync();
        var nhs = TestNhsNumbers.Next();
        using var first = await PutAsync(feed, nhs, new PatientBuilder(nhs).RegisteredAt(PracticeA, "2024-06-01"));

        using var clash = await PutAsync(feed, nhs, new PatientBuilder(nhs).RegisteredAt(PracticeB, "2024-06-01"));

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Contains($"already registered at {PracticeA} from 2024-06-01", await clash.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([PracticeA], (await RowsAsync(nhs)).Select(r => r.PracticeOdsCode));
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient feed, string nhs, PatientBuilder patient) =>
        feed.SendJsonAsync(HttpMethod.Put, $"/fhir/Patient?identifier={NhsSystem}|{nhs}", patient.Json());

    /// <summary>A client registered with the feed's scope only, and the two practices it registers people at.</summary>
    private async Task<HttpClient> FeedAsync()
    {
        await api.EnsurePracticesAsync(PracticeA, PracticeB);
        var key = TestClientKey.Rsa();
        var id = await api.CreateClient().RegisterClientAsync(key, RegistryScopes.Registrations, "X26");
        return api.CreateClientWithToken(await api.TokenAsync(id, key, RegistryScopes.Registrations));
    }

    private Task<List<PatientRegistration>> RowsAsync(string nhs) => api.RegistrationsOfAsync(nhs);

    private static string Day(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
