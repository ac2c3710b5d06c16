namespace ConsentApi.Monitoring;

/// <summary>
/// Patients registered at a practice on an extract date: in total (sex and age band "ALL") or for one sex and
/// five-year age band. The denominators of objection rates.
/// </summary>
public sealed class ListSize
{
    public const string All = "ALL";

    /// <summary>yyyy-mm-dd.</summary>
    public required string ExtractDate { get; init; }
    public required string OdsCode { get; init; }

    /// <summary>FEMALE, MALE or ALL.</summary>
    public required string Sex { get; init; }

    /// <summary>0_4, 5_9 ... 90+, or ALL.</summary>
    public required string AgeBand { get; init; }
    public int Patients { get; init; }
}
