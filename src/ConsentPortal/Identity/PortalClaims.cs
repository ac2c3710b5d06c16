namespace ConsentPortal.Identity;

/// <summary>The claims the portal keeps in its sign-in cookie, from the registry's token and /accounts/me.</summary>
public static class PortalClaims
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";

    /// <summary>When the access token runs out (Unix seconds).</summary>
    public const string ExpiresAt = "expires_at";
    public const string Scope = "scope";

    /// <summary>When the tokens were last obtained (Unix seconds): the registry's idle limit counts from then.</summary>
    public const string RenewedAt = "renewed_at";

    /// <summary>When the sign-in reaches its absolute limit (Unix seconds).</summary>
    public const string SessionEnds = "session_ends";
    public const string Kind = "kind";
    public const string NhsNumber = "nhs_number";
    public const string Name = "name";

    public const string StaffPolicy = "staff";
    public const string PatientPolicy = "patient";
    public const string MonitoringScope = "registry.monitoring";
}
