using System.Diagnostics;
using FhirAdapters.Profiles;
using Firely.Fhir.Validation;
using Firely.Fhir.Validation.Compilation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace FhirAdapters.Validation;

/// <summary>
/// Firely's validator over the R4 specification (offline, from the specification package) and the registry's own
/// conformance resources. Built once per process: the first validation compiles the profiles (seconds), so the API
/// warms it at start-up with <see cref="Warm"/>.
/// </summary>
public sealed class ProfileValidator
{
    private static readonly Lazy<ProfileValidator> SharedInstance = new(() => new ProfileValidator(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Validator _validator;

    private ProfileValidator()
    {
        // Copies: the snapshot generator writes snapshots into what it resolves, and the published resources are served as written.
        var registry = new InMemoryResourceResolver(RegistryConformance.All.Select(r => (Resource)r.DeepCopy()).ToArray());
        // The corrections resolver fixes known faults in the R4 core definitions (ref-1 failing identifier-only references,
        // which is how every registry Consent names its patient) and must sit below the snapshot generator to take effect.
        var core = new StructureDefinitionCorrectionsResolver(ZipSource.CreateValidationSource());
        // Cached below the snapshot generator as well as above it: the generator resolves each base and datatype
        // definition again for every element that uses it, and the zip source re-reads its XML bundle from the start for
        // each (measured: 624 reads of the specification and 8.5 s to compile the Consent profile; cached, 57 reads and 4 s).
        var resolver = new CachedResolver(new SerializedResolver(new SnapshotSource(new CachedResolver(new MultiResolver(registry, core)))));
        _validator = new Validator(resolver, new CachedTerminologyService(LocalTerminologyService.CreateDefaultForCore(resolver)));
    }

    /// <summary>The process's validator.</summary>
    public static ProfileValidator Shared => SharedInstance.Value;

    /// <summary>Validates <paramref name="resource"/> against <paramref name="profile"/> (the base definition of its type when null).</summary>
    public OperationOutcome Validate(Resource resource, string? profile = null)
    {
        var outcome = _validator.Validate(resource, profile ?? "http://hl7.org/fhir/StructureDefinition/" + resource.TypeName);
        foreach (var issue in outcome.Issue)
        {
            // The validator puts its message in details.text and an element trace in diagnostics; clients read diagnostics.
            issue.Diagnostics = issue.Details?.Text ?? issue.Diagnostics;
        }

        return outcome;
    }

    /// <summary>Compiles the profiles the API validates against, so that no request pays for it; returns how long it took.</summary>
    public static TimeSpan Warm()
    {
        var started = Stopwatch.GetTimestamp();
        var probe = new Consent { Status = Consent.ConsentState.Active };
        Shared.Validate(probe, RegistryConformance.ConsentProfile);
        Shared.Validate(new Subscription { Status = Subscription.SubscriptionStatus.Requested });
        Shared.Validate(new Parameters());
        return Stopwatch.GetElapsedTime(started);
    }
}
