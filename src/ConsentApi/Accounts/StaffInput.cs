namespace ConsentApi.Accounts;

/// <summary>A staff account as an administrator creates it.</summary>
public sealed record StaffInput(string? UserName, string? Password, string? DisplayName, IReadOnlyList<string>? Roles);
