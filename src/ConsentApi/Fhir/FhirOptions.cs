using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Fhir;

/// <summary>Limits and addresses of the FHIR API. Bound from the "Fhir" section and validated at start-up.</summary>
public sealed class FhirOptions
{
    public const string Section = "Fhir";

    /// <summary>Largest request body accepted (bytes); larger requests get 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest path and query read (longer: 414 with an OperationOutcome; the web server itself refuses request lines over 64 KB).</summary>
    [Range(256, 60 * 1024)]
    public int MaxUrlLength { get; set; } = 8192;

    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 20;

    [Range(1, 5000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Most search parameters (name=value pairs) in one search.</summary>
    [Range(1, 500)]
    public int MaxSearchParameters { get; set; } = 50;

    /// <summary>Most comma-separated values in one search parameter.</summary>
    [Range(1, 1000)]
    public int MaxValuesPerParameter { get; set; } = 100;

    /// <summary>The public FHIR base URL used in fullUrl, Location and links, e.g. https://registry.example/fhir.
    /// When empty it is taken from the request.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}
