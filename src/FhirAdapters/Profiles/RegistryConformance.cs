using System.Reflection;
using FhirAdapters.Json;
using Hl7.Fhir.Model;

namespace FhirAdapters.Profiles;

/// <summary>
/// The registry's published conformance resources: the Consent profile, the capture-channel extension, and the
/// ValueSets and CodeSystems they bind. Shipped inside this assembly, served by the API and used by the validator.
/// </summary>
public static class RegistryConformance
{
    public const string Base = "https://consentregistry.example/fhir/";
    public const string ConsentProfile = Base + "StructureDefinition/registry-consent";
    public const string CaptureChannelExtension = Base + "StructureDefinition/capture-channel";
    public const string PurposeOfUseValueSet = Base + "ValueSet/purpose-of-use";
    public const string CaptureChannelValueSet = Base + "ValueSet/capture-channel";

    private static readonly Lazy<IReadOnlyList<Resource>> Loaded = new(Load);

    /// <summary>Every conformance resource the registry publishes.</summary>
    public static IReadOnlyList<Resource> All => Loaded.Value;

    /// <summary>The published resource of <paramref name="resourceType"/> with logical id <paramref name="id"/>, if any.</summary>
    public static Resource? Find(string resourceType, string id) =>
        All.FirstOrDefault(r => r.TypeName == resourceType && r.Id == id);

    /// <summary>The published resources of one type.</summary>
    public static IEnumerable<Resource> OfType(string resourceType) => All.Where(r => r.TypeName == resourceType);

    /// <summary>The codes a published ValueSet lists for <paramref name="system"/>, or every code of a published CodeSystem it includes whole.</summary>
    public static IReadOnlySet<string> Codes(string valueSetUrl, string system)
    {
        var valueSet = All.OfType<ValueSet>().Single(v => v.Url == valueSetUrl);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var include in (valueSet.Compose?.Include ?? []).Where(i => i.System == system))
        {
            if (include.Concept.Count > 0)
            {
                codes.UnionWith(include.Concept.Select(c => c.Code!));
            }
            else if (All.OfType<CodeSystem>().FirstOrDefault(c => c.Url == system) is { } codeSystem)
            {
                codes.UnionWith(codeSystem.Concept.Select(c => c.Code!));
            }
        }

        return codes;
    }

    private static List<Resource> Load()
    {
        var assembly = typeof(RegistryConformance).Assembly;
        var resources = new List<Resource>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("conformance/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            resources.Add(FhirJson.ParseResource(memory.ToArray()));
        }

        return resources;
    }

    internal static Assembly Assembly => typeof(RegistryConformance).Assembly;
}
