using ConsentApi.Monitoring.Rates;
using ConsentApi.Tests.Support;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Tests.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring;

/// <summary>Builds a monitoring scenario through the real API: people registered at practices, their choices written, the day's rates computed.</summary>
public sealed class MonitoringScenario(ApiFactory api)
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public Task<string> PersonAsync(string practice, string sex, int birthYear) => api.RegisteredPersonAsync(birthYear, practice, sex);

    public async Task<Consent> ObjectAsync(string nhs, string policy = "national-data-opt-out", Action<Consent>? change = null)
    {
        var builder = new ConsentBuilder(nhs).WithPolicy(policy);
        if (change is not null)
        {
            builder.With(change);
        }

        return (await _fhir.CreateAsync(builder.Build())).Resource;
    }

    public async Task WithdrawAsync(Consent consent)
    {
        consent.Status = Consent.ConsentState.Inactive;
        await _fhir.UpdateAsync(consent);
    }

    public Task DeleteAsync(Consent consent) => _fhir.DeleteAsync("Consent", consent.Id!);

    public static void OnlyFor(Consent consent, string ods) => consent.Provision!.Actor = [new Consent.provisionActorComponent
    {
        Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
        Reference = FhirReferences.ToIdentifier("Organization", OdsCode.System, ods),
    }];

    /// <summary>Counts the day (today: everything written so far) from scratch, or from <paramref name="previous"/>'s active counts.</summary>
    public async Task<RateComputation> ComputeAsync(DateOnly day, RateCells? previous = null) =>
        await api.Services.GetRequiredService<RateCalculator>().ComputeAsync(day, previous, CancellationToken.None);

    public async Task<RateStoreResult> StoreAsync(RateComputation computation, bool breakdown)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RateSnapshotWriter>().StoreAsync(computation, 0, breakdown, CancellationToken.None);
    }

    /// <summary>A practice's count for one policy (both sexes, all bands) in computed cells.</summary>
    public static long Count(RateComputation computation, ApiFactory api, string ods, int measure, string policy)
    {
        var attribution = api.Services.GetRequiredService<PopulationAttribution>();
        var policies = MonitoredPolicy.From(api.Services.GetRequiredService<ConsentApi.Policies.PolicyCatalogue>());
        var number = policies.Single(p => p.Id == policy).Number;
        return computation.Cells.Practices.Where(p => attribution.PracticeCode(p) == ods)
            .Sum(p => Enumerable.Range(0, RateCells.Bands).Sum(b => computation.Cells.Get(measure, p, number, true, b) + computation.Cells.Get(measure, p, number, false, b)));
    }
}
