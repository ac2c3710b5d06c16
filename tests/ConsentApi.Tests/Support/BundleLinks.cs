using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Support;

/// <summary>A Bundle's link by relation.</summary>
public static class BundleLinks
{
    public static string? LinkUrl(this Bundle bundle, string relation) =>
        bundle.Link.FirstOrDefault(l => l.Relation == relation)?.Url;
}
