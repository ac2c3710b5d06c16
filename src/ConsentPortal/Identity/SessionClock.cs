using System.Globalization;
using System.Security.Claims;

namespace ConsentPortal.Identity;

/// <summary>When a signed-in person's session will end: after the registry's idle limit, or at the sign-in's absolute limit.</summary>
public sealed record SessionClock(DateTimeOffset IdleEnds, DateTimeOffset SessionEnds)
{
    /// <summary>The clock of a session that renews (one with a refresh token); null for any other.</summary>
    public static SessionClock? Of(ClaimsPrincipal user, PortalOptions options)
    {
        if (user.FindFirst(PortalClaims.RefreshToken) is null
            || !long.TryParse(user.FindFirst(PortalClaims.RenewedAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var renewed))
        {
            return null;
        }

        var idle = DateTimeOffset.FromUnixTimeSeconds(renewed).AddMinutes(options.IdleMinutes);
        var absolute = long.TryParse(user.FindFirst(PortalClaims.SessionEnds)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ends)
            ? DateTimeOffset.FromUnixTimeSeconds(ends)
            : DateTimeOffset.MaxValue;
        return new SessionClock(idle, absolute);
    }
}
