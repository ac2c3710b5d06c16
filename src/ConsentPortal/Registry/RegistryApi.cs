using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ConsentPortal.Identity;

namespace ConsentPortal.Registry;

/// <summary>
/// The registry's API as the signed-in person: every call carries their access token, so the API's authorization is
/// the only gate. A failure becomes a <see cref="RegistryApiException"/> with a reference the person can quote.
/// </summary>
public sealed class RegistryApi(IHttpClientFactory clients, IHttpContextAccessor accessor)
{
    public const string ClientName = "registry";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    /// <summary>A GET that may legitimately find nothing (404 gives null rather than an error).</summary>
    public async Task<JsonElement?> FindAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct, allowNotFound: true);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
    }

    public async Task<JsonElement> PostAsync(string path, object body, CancellationToken ct, string? ifMatch = null)
    {
        using var response = await SendAsync(HttpMethod.Post, path, JsonContent.Create(body, options: Json), ct, ifMatch: ifMatch);
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
    }

    /// <summary>Writes a FHIR resource (POST or PUT, application/fhir+json) with the conditional headers given; returns the stored resource.</summary>
    public async Task<JsonElement> WriteFhirAsync(HttpMethod method, string path, string json, CancellationToken ct, string? ifMatch = null,
        string? ifNoneExist = null)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/fhir+json");
        using var request = Request(method, path, content, ifMatch);
        if (ifNoneExist is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Exist", ifNoneExist);
        }

        request.Headers.Accept.ParseAdd("application/fhir+json");
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryApiException.FromAsync(response, path, ct);
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
    }

    /// <summary>Streams a response (a CSV download) to the caller without holding it in memory.</summary>
    public async Task<HttpResponseMessage> StreamAsync(string path, CancellationToken ct)
    {
        var request = Request(HttpMethod.Get, path, null, null);
        var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await RegistryApiException.FromAsync(response, path, ct);
            response.Dispose();
            throw problem;
        }

        return response;
    }

    /// <summary>Sends a request as the signed-in person and returns whatever the registry answers, headers first (the job dashboard's pass-through).</summary>
    public Task<HttpResponseMessage> ForwardAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct) =>
        clients.CreateClient(ClientName).SendAsync(Request(method, pathAndQuery, content, null), HttpCompletionOption.ResponseHeadersRead, ct);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct,
        bool allowNotFound = false, string? ifMatch = null)
    {
        using var request = Request(method, path, content, ifMatch);
        var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        var problem = await RegistryApiException.FromAsync(response, path, ct);
        response.Dispose();
        throw problem;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        var token = accessor.HttpContext?.User.FindFirst(PortalClaims.AccessToken)?.Value;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
