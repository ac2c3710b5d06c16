namespace ConsentApi.Population;

/// <summary>
/// A person's registration at a practice from a date. Rows are only inserted: moving practice is a new row, and the
/// current registration is the one with the latest <see cref="RegisteredFromTicks"/>. A death or removal is a row
/// with no practice (<see cref="NotRegistered"/>) and its <see cref="EndedReason"/>.
/// </summary>
public sealed class PatientRegistration
{
    public long Id { get; set; }
    public long NhsNumber { get; set; }
    public required string PracticeOdsCode { get; set; }

    /// <summary>F or M (as published in list-size statistics).</summary>
    public required string Sex { get; set; }
    public int BirthYear { get; set; }
    public long RegisteredFromTicks { get; set; }

    /// <summary>Full date of birth as yyyy-MM-dd, where the registrations feed gave it (identity evidence for accounts).</summary>
    public string? BirthDate { get; set; }

    /// <summary>Postcode of the address on record, upper case without spaces, where the registrations feed gave it.</summary>
    public string? Postcode { get; set; }

    /// <summary>For a row that ends registration: death or removal; null for a registration at a practice.</summary>
    public string? EndedReason { get; set; }

    /// <summary>When the registry learnt of the row (null for rows loaded before schema v14).</summary>
    public long? RecordedTicks { get; set; }

    /// <summary>The practice code of a row that ends registration: from its day, the person is registered nowhere.</summary>
    public const string NotRegistered = "";
}
