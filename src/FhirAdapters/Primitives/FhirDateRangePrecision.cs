namespace FhirAdapters.Primitives;

/// <summary>How much of a FHIR date or dateTime was given, which sets the range it stands for.</summary>
public enum FhirDateRangePrecision
{
    Year,
    Month,
    Day,
    Minute,
    Second,
    Fraction,
}
