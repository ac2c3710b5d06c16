namespace ConsentApi.Accounts;

/// <summary>
/// A patient creating an account. The NHS number is linked to it only if it, the year of birth and the GP practice's
/// ODS code match the registry's patient details (the embedded default's identity check).
/// </summary>
public sealed record RegistrationInput(string? UserName, string? Password, string? NhsNumber, int? BirthYear, string? PracticeOds, string? DisplayName);
