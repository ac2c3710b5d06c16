namespace FhirAdapters.Model;

/// <summary>FHIR Period: a start and/or end dateTime (per-1: start not after end).</summary>
public sealed class Period : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Period", () => new Period(),
    [
        .. ElementMembers,
        Elements.Str<Period>("start", FhirPrimitiveType.DateTime, x => x.Start, (x, v) => x.Start = v),
        Elements.Str<Period>("end", FhirPrimitiveType.DateTime, x => x.End, (x, v) => x.End = v),
    ]);

    public string? Start { get; set; }
    public string? End { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
