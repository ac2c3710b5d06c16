using Microsoft.AspNetCore.Identity;

namespace ConsentApi.Accounts;

/// <summary>
/// A person's account: a patient (linked to exactly one NHS number once their identity is verified) or a member of
/// staff (with roles). Passwords, lockout and two-factor authentication are ASP.NET Core Identity's.
/// </summary>
public sealed class RegistryUser : IdentityUser
{
    public const string PatientKind = "patient";
    public const string StaffKind = "staff";

    /// <summary>patient or staff.</summary>
    public string Kind { get; set; } = PatientKind;

    /// <summary>The verified NHS number of a patient's account; null for staff.</summary>
    public string? NhsNumber { get; set; }

    public string? DisplayName { get; set; }
}
