namespace ConsentApi.Population;

/// <summary>
/// One registration read from the feed: a person at a practice from a day, with what the list sizes count them by. A
/// record with <see cref="EndedReason"/> (death or removal) ends registration from its day, with no practice.
/// </summary>
public sealed record RegistrationRecord(long NhsNumber, string PracticeOdsCode, DateOnly From, string Sex, int BirthYear, string? BirthDate, string? Postcode,
    string? EndedReason = null)
{
    public const string Death = "death";
    public const string Removal = "removal";
}
