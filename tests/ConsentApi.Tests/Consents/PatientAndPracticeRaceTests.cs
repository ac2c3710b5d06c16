using System.Net;
using ConsentApi.Tests.Identity;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;

namespace ConsentApi.Tests.Consents;

/// <summary>
/// A person opting back in online (their own token, as the portal calls) while their GP practice's system records an
/// objection to the same Consent at the same moment: whatever the order, both writes are versions in the history and
/// the current state is the one acknowledged last (the higher version).
/// </summary>
public sealed class PatientAndPracticeRaceTests(PatientIssuerApiFactory api) : IClassFixture<PatientIssuerApiFactory>
{
    [Fact]
    public async Task Update_WhenPatientAndPracticeChangeTheSameConsentAtOnce_ThenLastAcknowledgedWinsAndBothAreKept()
    {
        for (var round = 0; round < 15; round++)
        {
            var builder = new ConsentBuilder();
            var created = (await api.CreateFhirClient().CreateAsync(builder.Build())).Resource;
            using var patient = api.CreateClientWithToken(api.PatientToken(builder.NhsNumber));
            using var practice = api.CreateFhirHttpClient();
            var optIn = FhirJson.Serialize(new ConsentBuilder(builder.NhsNumber).WithStatus("inactive").With(c => c.Id = created.Id).Build());
            var objection = FhirJson.Serialize(new ConsentBuilder(builder.NhsNumber).WithStatus("active").With(c => c.Id = created.Id).Build());

            var responses = await Task.WhenAll(
                Task.Run(() => patient.SendJsonAsync(HttpMethod.Put, $"/fhir/Consent/{created.Id}", optIn)),
                Task.Run(() => practice.SendJsonAsync(HttpMethod.Put, $"Consent/{created.Id}", objection)));
            var written = new List<Consent>();
            foreach (var response in responses)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                written.Add(FhirJson.Parse<Consent>(await response.Content.ReadAsStringAsync()));
            }

            var current = (await api.CreateFhirClient().ReadAsync<Consent>(created.Id!)).Resource;
            var history = await api.CreateFhirClient().HistoryAsync("Consent", created.Id);
            var last = written.MaxBy(c => int.Parse(c.Meta!.VersionId!, System.Globalization.CultureInfo.InvariantCulture))!;

            Assert.Equal(["2", "3"], written.Select(c => c.Meta!.VersionId).Order());
            Assert.Equal(last.Status, current.Status);
            Assert.Equal("3", current.Meta!.VersionId);
            Assert.Equal(3, history.Entry!.Count);
            Assert.Equal(["active", "inactive"], history.Entry.Take(2).Select(e => ((Consent)e.Resource!).Status?.GetLiteral()).Order());
        }
    }
}
