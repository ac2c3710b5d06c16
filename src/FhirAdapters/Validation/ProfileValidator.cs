using System.Diagnostics;
using FhirAdapters.Profiles;
using Firely.Fhir.Validation;
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
        var registry = new InMemoryResourceResolver(RegistryConformance.All.ToArray());
        var resolver = new CachedResolver(new SnapshotSource(new MultiResolver(registry, ZipSource.CreateValidationSource())));
        _validator = new Validator(resolver, LocalTerminologyService.CreateDefaultForCore(resolver));
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
