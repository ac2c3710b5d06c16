namespace ConsentApi.Population;

/// <summary>One registration read from the feed: a person at a practice from a day, with what the list sizes count them by.</summary>
public sealed record RegistrationRecord(long NhsNumber, string PracticeOdsCode, DateOnly From, string Sex, int BirthYear, string? BirthDate, string? Postcode);
