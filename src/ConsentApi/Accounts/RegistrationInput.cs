namespace ConsentApi.Accounts;

/// <summary>
/// A patient creating an account. The NHS number is linked to it only if it, the full date of birth (yyyy-MM-dd) and
/// the postcode match what the registrations feed holds for that person: evidence a stranger cannot find by trying.
/// </summary>
public sealed record RegistrationInput(string? UserName, string? Password, string? NhsNumber, string? DateOfBirth, string? Postcode, string? DisplayName);
