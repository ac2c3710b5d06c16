using System.Collections.Concurrent;
using System.Text.Json;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Keeps OpenIddict's application row for each client in step with the client's newest version in the registry's own
/// append-only register (<see cref="ClientRegistry"/>), which stays the record of who may do what. OpenIddict needs the
/// row for its own checks (client type, redirect URIs) and as the owner of the tokens it stores; the row carries no
/// keys and no permissions, which the registry checks itself (decision 18). Written before OpenIddict looks, on the
/// first request that names a client after it changed, so no start-up step or second write path can miss one.
/// </summary>
public sealed class ClientApplications
{
    private readonly ConcurrentDictionary<string, int> synced = new(StringComparer.Ordinal);

    public async Task EnsureAsync(RegistryDbContext db, ApiClient client, CancellationToken ct)
    {
        if (synced.TryGetValue(client.ClientId, out var version) && version == client.Version)
        {
            return;
        }

        var rows = db.Set<OpenIddictEntityFrameworkCoreApplication>();
        var type = client.Jwks is null && client.JwksUrl is null ? ClientTypes.Public : ClientTypes.Confidential;
        var redirects = client.RedirectUriList.Count == 0 ? null : JsonSerializer.Serialize(client.RedirectUriList);
        var row = await rows.FirstOrDefaultAsync(a => a.ClientId == client.ClientId, ct);
        if (row is null)
        {
            rows.Add(new OpenIddictEntityFrameworkCoreApplication
            {
                Id = Guid.NewGuid().ToString("N"),
                ClientId = client.ClientId,
                ClientType = type,
                ApplicationType = ApplicationTypes.Web,
                DisplayName = client.Name,
                RedirectUris = redirects,
                ConsentType = ConsentTypes.Implicit,
                ConcurrencyToken = Guid.NewGuid().ToString("N"),
            });
        }
        else if (row.ClientType != type || row.RedirectUris != redirects || row.DisplayName != client.Name)
        {
            row.ClientType = type;
            row.RedirectUris = redirects;
            row.DisplayName = client.Name;
            row.ConcurrencyToken = Guid.NewGuid().ToString("N");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node wrote the same mirror row a moment earlier: what it wrote is what this node would write.
            db.ChangeTracker.Clear();
        }

        synced[client.ClientId] = client.Version;
    }
}
