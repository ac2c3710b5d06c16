using System.Text.Json;

namespace ConsentApi.Identity;

/// <summary>A client registration as an administrator submits it (admin endpoint or command line).</summary>
public sealed record ClientInput(string? ClientId, string? OdsCode, string? Name, JsonElement? Jwks, string? JwksUrl, IReadOnlyList<string>? Scopes);
