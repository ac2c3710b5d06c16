namespace ConsentApi.Accounts;

/// <summary>
/// An OAuth authorization code waiting to be exchanged (once, within a minute) for a token. Only its SHA-256 is
/// stored; the code itself travels once, to the app's registered redirect URI.
/// </summary>
public sealed class AuthorizationCode
{
    public required string CodeHash { get; init; }
    public required string ClientId { get; init; }
    public required string RedirectUri { get; init; }
    public required string UserId { get; init; }
    public required string Scopes { get; init; }
    public required string CodeChallenge { get; init; }
    public long ExpiresTicks { get; init; }
}
