using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Identity;

/// <summary>
/// How many failed guesses the registry accepts before it refuses more (bound from "Auth:Attempts"). Per source
/// first, so one address cannot lock anybody out; per subject and source next; per subject from everywhere last, and
/// only for a short time, so a known account (staff too) cannot be kept locked from a single address.
/// </summary>
public sealed class AttemptLimits
{
    /// <summary>Failed sign-ins one address may make across all accounts in <see cref="SignInWindowMinutes"/>.</summary>
    [Range(1, 100_000)]
    public int SignInPerSource { get; set; } = 30;

    /// <summary>Failed sign-ins to one account from one address in the window.</summary>
    [Range(1, 1000)]
    public int SignInPerAccountAndSource { get; set; } = 5;

    /// <summary>Failed sign-ins to one account from anywhere in the window (a spread-out guessing attack).</summary>
    [Range(1, 100_000)]
    public int SignInPerAccount { get; set; } = 100;

    [Range(1, 1440)]
    public int SignInWindowMinutes { get; set; } = 15;

    /// <summary>Failed registrations one address may make in <see cref="RegistrationWindowMinutes"/>.</summary>
    [Range(1, 100_000)]
    public int RegistrationPerSource { get; set; } = 20;

    /// <summary>Failed registrations for one NHS number from anywhere in the window.</summary>
    [Range(1, 1000)]
    public int RegistrationPerNhsNumber { get; set; } = 5;

    [Range(1, 10_080)]
    public int RegistrationWindowMinutes { get; set; } = 1440;

    /// <summary>Added to every failed registration's answer, so guessing is slow as well as limited.</summary>
    [Range(0, 10_000)]
    public int FailureDelayMilliseconds { get; set; } = 500;
}
