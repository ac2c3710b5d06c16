using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ConsentApi.Identity;

/// <summary>How the registry issues and checks tokens. Bound from the "Auth" section and validated at start-up.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The <c>iss</c> of the registry's access tokens (and their audience): its public base URL.</summary>
    [Required]
    [Url]
    public string Issuer { get; set; } = "http://localhost:5080";

    /// <summary>
    /// The patients' portal's public address, when there is one: the sign-in page links to its create-account and help
    /// pages. Without it those links are left out.
    /// </summary>
    [Url]
    public string? PortalUrl { get; set; }

    /// <summary>How long an access token lives. SMART backend services expects minutes, not hours.</summary>
    [Range(1, 60)]
    public int AccessTokenMinutes { get; set; } = 5;

    /// <summary>
    /// How long a person's app may stay signed in without being used, in minutes: each refresh token lives this long, and
    /// using it (which swaps it for a new one) starts the time again.
    /// </summary>
    [Range(5, 1440)]
    public int RefreshTokenMinutes { get; set; } = 30;

    /// <summary>How long a person's sign-in lasts at most, however active they are, in hours; then they sign in again.</summary>
    [Range(1, 72)]
    public int SessionHours { get; set; } = 12;

    /// <summary>Tolerated clock difference between the registry and its clients, in seconds.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>How often each node reloads signing keys and client states written by other nodes, in seconds.</summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>Requests a second each client (or, unauthenticated, each network address) may make, sustained.</summary>
    [Range(1, 10_000_000)]
    public int RatePerSecond { get; set; } = 500;

    /// <summary>
    /// Where ASP.NET Data Protection keeps the key ring that encrypts the registry's signing keys at rest: outside the
    /// database, so a copy of the database alone holds no usable key. Empty: {Persistence:DataDirectory}/key-ring.
    /// Nodes sharing a database must share this folder (or point it at the same mounted secret store).
    /// </summary>
    public string? KeyRingDirectory { get; set; }

    /// <summary>Limits on failed sign-ins and registrations.</summary>
    [ValidateObjectMembers]
    public AttemptLimits Attempts { get; set; } = new();

    /// <summary>An external issuer of patients' tokens (NHS login or similar); off when its Issuer is empty.</summary>
    public PatientIssuerOptions Patients { get; set; } = new();

    /// <summary>Requests a client may make in a burst above <see cref="RatePerSecond"/>.</summary>
    [Range(1, 10_000_000)]
    public int RateBurst { get; set; } = 2000;
}
