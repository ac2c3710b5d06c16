namespace ConsentApi.Identity;

/// <summary>A registered client as administrators see it (its keys are public; nothing secret is held).</summary>
public sealed record ClientView(string ClientId, int Version, string OdsCode, string Name, bool HasJwks, string? JwksUrl,
    IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes, bool Enabled, DateTimeOffset Changed, string ChangedBy)
{
    public static ClientView From(ApiClient c) => new(c.ClientId, c.Version, c.OdsCode, c.Name, c.Jwks is not null, c.JwksUrl,
        c.RedirectUriList, c.AllowedScopes, c.Enabled, new DateTimeOffset(c.RecordedTicks, TimeSpan.Zero), c.ChangedBy);
}
