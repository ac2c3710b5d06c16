namespace ConsentApi.Identity;

/// <summary>
/// One version of a registered client system (a GP system, a data-extract tool). Registering, changing and disabling
/// a client each add a version; the newest is in force.
/// </summary>
public sealed class ApiClient
{
    public required string ClientId { get; init; }
    public int Version { get; init; }

    /// <summary>The client's ODS organisation code, recorded as the actor organisation of everything it does.</summary>
    public required string OdsCode { get; init; }
    public required string Name { get; init; }

    /// <summary>The client's public keys as a JSON Web Key Set, or null when they are fetched from <see cref="JwksUrl"/>.</summary>
    public string? Jwks { get; init; }
    public string? JwksUrl { get; init; }

    /// <summary>For apps that sign people in (authorization code with PKCE): their redirect URIs, space separated.</summary>
    public string? RedirectUris { get; init; }

    /// <summary>The scopes the client may be granted, space separated.</summary>
    public required string Scopes { get; init; }
    public bool Enabled { get; init; }

    /// <summary>The scopes as a list (read-only, so not a column).</summary>
    public IReadOnlyList<string> AllowedScopes => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The redirect URIs as a list; empty for client systems.</summary>
    public IReadOnlyList<string> RedirectUriList => RedirectUris?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
    public long RecordedTicks { get; init; }

    /// <summary>Who made this version: an administrator, the command line, or the demo seed.</summary>
    public required string ChangedBy { get; init; }
}
