using System.Text.Json;

namespace ConsentApi.Identity;

/// <summary>
/// A client registration as an administrator submits it (admin endpoint or command line): a client system with its
/// public keys, or an app that signs people in with its redirect URIs (and, if it can keep a key, keys too).
/// </summary>
public sealed record ClientInput(string? ClientId, string? OdsCode, string? Name, JsonElement? Jwks, string? JwksUrl, IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? RedirectUris = null);
