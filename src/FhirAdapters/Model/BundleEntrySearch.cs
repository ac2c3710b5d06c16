namespace FhirAdapters.Model;

/// <summary>Bundle.entry.search: why an entry is in a searchset (match, include or outcome).</summary>
public sealed class BundleEntrySearch : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Bundle.entry.search", () => new BundleEntrySearch(),
    [
        .. BackboneMembers,
        Elements.Str<BundleEntrySearch>("mode", FhirPrimitiveType.Code, x => x.Mode, (x, v) => x.Mode = v,
            binding: RequiredBinding.Of("http://hl7.org/fhir/ValueSet/search-entry-mode", "match", "include", "outcome")),
        Elements.Str<BundleEntrySearch>("score", FhirPrimitiveType.Decimal, x => x.Score, (x, v) => x.Score = v),
    ]);

    public string? Mode { get; set; }

    /// <summary>The search ranking as exact decimal text.</summary>
    public string? Score { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
