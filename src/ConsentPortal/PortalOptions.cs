using System.ComponentModel.DataAnnotations;

namespace ConsentPortal;

/// <summary>Where the registry's API is and how the portal signs people in there (section "Portal").</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The registry API's base address; the portal reaches it only over HTTP.</summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The portal's client id at the registry (an app registered with this redirect URI).</summary>
    [Required]
    public string ClientId { get; set; } = "demo-portal";

    /// <summary>This portal's sign-in callback as registered at the registry.</summary>
    [Required]
    [Url]
    public string RedirectUri { get; set; } = "http://localhost:5090/signin-callback";

    /// <summary>Every scope the portal may use; the registry grants each person the ones their account allows.</summary>
    /// <remarks>offline_access asks for a refresh token, so a session lasts while the person is active (see SessionTokens).</remarks>
    [Required]
    public string Scopes { get; set; } = "patient/Consent.rs patient/Consent.cud patient/AuditEvent.rs registry.monitoring registry.admin offline_access";

    /// <summary>
    /// How long the registry lets a sign-in go unused before refusing to renew it (its Auth:RefreshTokenMinutes): the
    /// timeout warning appears two minutes before.
    /// </summary>
    [Range(5, 1440)]
    public int IdleMinutes { get; set; } = 30;

    /// <summary>How long a session cookie may last at most, in hours; the registry's own limit on a sign-in (Auth:SessionHours) ends it sooner.</summary>
    [Range(1, 72)]
    public int SessionHours { get; set; } = 12;
}
