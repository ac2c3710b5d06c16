using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ConsentApi.Fhir;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Identity;

/// <summary>
/// The registered client systems. Every change is a new version. Each node keeps the newest versions in memory so a
/// disabled client's tokens stop working within one refresh interval everywhere (at once on the node that disabled it).
/// </summary>
public sealed partial class ClientRegistry(IServiceScopeFactory scopes, TimeProvider time)
{
    private volatile FrozenDictionary<string, ApiClient> current = FrozenDictionary<string, ApiClient>.Empty;

    /// <summary>The client as last loaded; null when unknown.</summary>
    public ApiClient? Find(string clientId) => current.GetValueOrDefault(clientId);

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var rows = await db.ApiClients.AsNoTracking().ToListAsync(ct);
        current = rows.GroupBy(c => c.ClientId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.MaxBy(c => c.Version)!, StringComparer.Ordinal);
    }

    /// <summary>The newest version of the client, read from the database (the token endpoint's view).</summary>
    public static Task<ApiClient?> ReadAsync(RegistryDbContext db, string clientId, CancellationToken ct) =>
        db.ApiClients.AsNoTracking().Where(c => c.ClientId == clientId).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ApiClient>> ListAsync(CancellationToken ct)
    {
        await RefreshAsync(ct);
        return [.. current.Values.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Registers a new client; a 400 names the first wrong field, a 409 an id already taken. <paramref name="awaitingApproval"/>: it is recorded disabled, and enabling it is a second
    /// administrator's approval (see <see cref="RegisteredByAsync"/>).
    /// </summary>
    public async Task<ApiClient> AddAsync(ClientInput input, string changedBy, CancellationToken ct, bool awaitingApproval = false)
    {
        var client = Validate(input, changedBy, enabled: !awaitingApproval);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync(["client:" + client.ClientId], ct);
        if (await ReadAsync(db, client.ClientId, ct) is not null)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "duplicate",
                $"Client '{client.ClientId}' is already registered. Registrations are never overwritten: disable it, or choose another id.", "clientId");
        }

        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await RefreshAsync(ct);
        return client;
    }

    /// <summary>Disables (or re-enables) a client by adding a version; returns the new version.</summary>
    public async Task<ApiClient> SetEnabledAsync(string clientId, bool enabled, string changedBy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync(["client:" + clientId], ct);
        var latest = await ReadAsync(db, clientId, ct)
            ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No client '{clientId}' is registered.");
        var next = new ApiClient
        {
            ClientId = latest.ClientId,
            Version = latest.Version + 1,
            OdsCode = latest.OdsCode,
            Name = latest.Name,
            Jwks = latest.Jwks,
            JwksUrl = latest.JwksUrl,
            RedirectUris = latest.RedirectUris,
            Scopes = latest.Scopes,
            Enabled = enabled,
            RecordedTicks = time.GetUtcNow().UtcTicks,
            ChangedBy = changedBy,
        };
        db.ApiClients.Add(next);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await RefreshAsync(ct);
        return next;
    }

    /// <summary>Who registered the client (its first version), or null when there is no such client.</summary>
    public async Task<string?> RegisteredByAsync(string clientId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().ApiClients.AsNoTracking()
            .Where(c => c.ClientId == clientId && c.Version == 1).Select(c => c.ChangedBy).FirstOrDefaultAsync(ct);
    }

    private ApiClient Validate(ClientInput input, string changedBy, bool enabled)
    {
        if (input.ClientId is null || !ClientIdPattern().IsMatch(input.ClientId))
        {
            throw RequestValues.Bad("clientId", "'clientId' is required: 3 to 128 letters, digits, '.', '_' and '-'.");
        }

        var ods = RequestValues.Ods(input.OdsCode, "odsCode");
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 256)
        {
            throw RequestValues.Bad("name", "'name' is required (at most 256 characters): the organisation's system as people know it.");
        }

        var jwks = input.Jwks is { ValueKind: not System.Text.Json.JsonValueKind.Null } element ? element.GetRawText() : null;
        var redirects = RedirectUris(input.RedirectUris);
        var noKeys = jwks is null && string.IsNullOrWhiteSpace(input.JwksUrl);
        if (jwks is not null && !string.IsNullOrWhiteSpace(input.JwksUrl) || noKeys && redirects is null)
        {
            throw RequestValues.Bad("jwks", "Give exactly one of 'jwks' (the client's public JSON Web Key Set) or 'jwksUrl' (an https URL serving it); an app that signs people in may give 'redirectUris' instead.");
        }

        if (jwks is not null)
        {
            ClientKeys.ParseJwks(jwks, "jwks");
        }
        else if (!noKeys && (!Uri.TryCreate(input.JwksUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
        {
            throw RequestValues.Bad("jwksUrl", $"'jwksUrl' must be an absolute https URL ('{input.JwksUrl}' is not).");
        }

        var scopes = input.Scopes ?? [];
        if (scopes.Count == 0)
        {
            throw RequestValues.Bad("scopes", $"'scopes' must list at least one scope the client may be granted: {string.Join(", ", RegistryScopes.Supported)}.");
        }

        foreach (var s in scopes)
        {
            // Client systems act as themselves (system/ scopes); only apps that sign people in may hold patient/ and user/ scopes.
            var isSmart = SmartScope.TryParse(s, out var smart);
            if (isSmart && smart!.Context != "system" && redirects is null)
            {
                throw RequestValues.Bad("scopes", $"Scope '{s}' is for apps that sign people in: register 'redirectUris' for such an app, or use system/ scopes for a client system.");
            }

            if (!isSmart && !RegistryScopes.Supported.Contains(s))
            {
                throw RequestValues.Bad("scopes", $"Scope '{s}' is not one the registry grants: {string.Join(", ", RegistryScopes.Supported)}.");
            }
        }

        return new ApiClient
        {
            ClientId = input.ClientId,
            Version = 1,
            OdsCode = ods,
            Name = input.Name.Trim(),
            Jwks = jwks,
            JwksUrl = jwks is null && !noKeys ? input.JwksUrl : null,
            RedirectUris = redirects,
            Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal)),
            Enabled = enabled,
            RecordedTicks = time.GetUtcNow().UtcTicks,
            ChangedBy = changedBy,
        };
    }

    /// <summary>An app's redirect URIs: absolute, https (http only for localhost), no fragment. Null when none are given.</summary>
    private static string? RedirectUris(IReadOnlyList<string>? uris)
    {
        if (uris is null || uris.Count == 0)
        {
            return null;
        }

        foreach (var uri in uris)
        {
            var ok = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Fragment.Length == 0
                && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback);
            if (!ok)
            {
                throw RequestValues.Bad("redirectUris", $"Redirect URI '{uri}' must be an absolute https URL without a fragment (http only for localhost).");
            }
        }

        return string.Join(' ', uris.Distinct(StringComparer.Ordinal));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,128}$")]
    private static partial Regex ClientIdPattern();
}
