using System.Net;
using System.Net.Http.Json;

namespace ConsentApi.Tests.Support;

/// <summary>Registers a client system through the admin endpoint, as an administrator would.</summary>
public static class ClientRegistrations
{
    /// <summary>Registers a new client with this key's public JWKS and the scopes; returns its generated id.</summary>
    public static async Task<string> RegisterClientAsync(this HttpClient admin, TestClientKey key, string scopes, string ods)
    {
        var id = "client-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await admin.PostAsJsonAsync("/admin/clients", new
        {
            clientId = id,
            odsCode = ods,
            name = "Test GP system",
            jwks = key.PublicJwks(),
            scopes = scopes.Split(' '),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }
}
