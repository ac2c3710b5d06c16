namespace ConsentPortal.Tests.Support;

/// <summary>
/// The whole system with one-minute access tokens: the portal renews a token in its last minute, so every page a
/// signed-in person opens swaps the refresh token, as a long session would over time.
/// </summary>
public sealed class ShortTokenPortalStack : PortalStack
{
    protected override int AccessTokenMinutes => 1;
}
