using BenchmarkDotNet.Attributes;
using ConsentApi.Decisions;
using ConsentApi.Policies;
using Hl7.Fhir.Model;

namespace ConsentRegistry.Benchmarks;

/// <summary>
/// One decision from the in-memory index, for a person with an objection and for one without, against the bare
/// dictionary look-up it is built on as the baseline. The index holds a million people, 7% with a choice.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private const int People = 1_000_000;
    private readonly Dictionary<long, int> plain = [];
    private DecisionEngine engine = null!;
    private long objector;
    private long other;

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = new PolicyCatalogue();
        catalogue.Load(PolicyCatalogueSeeder.Shipped());
        var rule = ProvisionRule.Compile(new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Deny,
            Purpose = [new Coding(PurposesOfUse.V3System, "HRESCH"), new Coding(PurposesOfUse.V3System, "HOPERAT")],
        });
        var built = new Dictionary<long, PatientChoices>();
        for (long i = 0; i < People; i += 14)
        {
            var nhs = 9_000_000_000 + (i * 7);
            built[nhs] = PatientChoices.Of([new Choice(Guid.NewGuid().ToString(), 1, 0, DateTime.UtcNow.Ticks, rule)]);
            plain[nhs] = 1;
        }

        var index = new DecisionIndex();
        index.Load(built, 0);
        index.MarkReady();
        engine = new DecisionEngine(index, catalogue,
            new DecisionRequest(PurposesOfUse.V3System, "HRESCH", "RR8", DateTime.UtcNow.Ticks, null, null));
        objector = 9_000_000_000 + (14 * 7 * 1000);
        other = objector + 1;
    }

    [Benchmark(Baseline = true)]
    public bool DictionaryLookup() => plain.ContainsKey(objector);

    [Benchmark]
    public bool DecideForObjector() => engine.Decide(objector).Permit;

    [Benchmark]
    public bool DecideForPersonWithoutChoice() => engine.Decide(other).Permit;
}
