using System.Net.Http.Headers;
using FhirAdapters.Json;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Support;

/// <summary>
/// The tests' FHIR client over plain HttpClient (the wire is what these tests check), parsing with the Firely SDK. The <see cref="HttpClient"/>'s BaseAddress is the FHIR base, e.g.
/// <c>https://registry.example/fhir/</c> (with the trailing slash). Errors throw <see cref="FhirWireException"/>.
/// </summary>
public sealed class FhirWireClient
{
    public const string FhirJsonMediaType = "application/fhir+json";
    private readonly HttpClient _http;

    public FhirWireClient(HttpClient http)
    {
        _http = http;
    }

    public async Task<CapabilityStatement> CapabilitiesAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<CapabilityStatement>(HttpMethod.Get, "metadata", null, null, cancellationToken).ConfigureAwait(false)).Resource;

    public Task<FhirWireResponse<T>> CreateAsync<T>(T resource, string? ifNoneExist = null, CancellationToken cancellationToken = default)
        where T : Resource
    {
        var headers = ifNoneExist is null ? null : new Dictionary<string, string> { ["If-None-Exist"] = ifNoneExist };
        return SendAsync<T>(HttpMethod.Post, resource.TypeName, resource, headers, cancellationToken);
    }

    public Task<FhirWireResponse<T>> ReadAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : Resource => SendAsync<T>(HttpMethod.Get, $"{typeof(T).Name}/{Uri.EscapeDataString(id)}", null, null, cancellationToken);

    public Task<FhirWireResponse<T>> VReadAsync<T>(string id, string versionId, CancellationToken cancellationToken = default)
        where T : Resource =>
        SendAsync<T>(HttpMethod.Get, $"{typeof(T).Name}/{Uri.EscapeDataString(id)}/_history/{Uri.EscapeDataString(versionId)}", null, null, cancellationToken);

    /// <summary>Updates; with <paramref name="ifMatchVersion"/> the server refuses (412) if the resource has moved on.</summary>
    public Task<FhirWireResponse<T>> UpdateAsync<T>(T resource, string? ifMatchVersion = null, CancellationToken cancellationToken = default)
        where T : Resource
    {
        var id = resource.Id ?? throw new ArgumentException("An update needs the resource's id.", nameof(resource));
        var headers = ifMatchVersion is null ? null : new Dictionary<string, string> { ["If-Match"] = $"W/\"{ifMatchVersion}\"" };
        return SendAsync<T>(HttpMethod.Put, $"{resource.TypeName}/{Uri.EscapeDataString(id)}", resource, headers, cancellationToken);
    }

    public async Task DeleteAsync(string resourceType, string id, string? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{resourceType}/{Uri.EscapeDataString(id)}");
        if (ifMatchVersion is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"W/\"{ifMatchVersion}\"");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJsonMediaType));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Searches with GET, or with POST to <c>_search</c> (for long or sensitive parameters).</summary>
    public async Task<Bundle> SearchAsync(string resourceType, IEnumerable<KeyValuePair<string, string>> parameters, bool usePost = false,
        CancellationToken cancellationToken = default)
    {
        if (!usePost)
        {
            return (await SendAsync<Bundle>(HttpMethod.Get, resourceType + Query(parameters), null, null, cancellationToken).ConfigureAwait(false)).Resource;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, resourceType + "/_search") { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJsonMediaType));
        return (await ReadResponseAsync<Bundle>(request, cancellationToken).ConfigureAwait(false)).Resource;
    }

    /// <summary>History of one resource (<paramref name="id"/> given) or of the whole type.</summary>
    public async Task<Bundle> HistoryAsync(string resourceType, string? id = null, IEnumerable<KeyValuePair<string, string>>? parameters = null,
        CancellationToken cancellationToken = default)
    {
        var path = id is null ? $"{resourceType}/_history" : $"{resourceType}/{Uri.EscapeDataString(id)}/_history";
        return (await SendAsync<Bundle>(HttpMethod.Get, path + Query(parameters ?? []), null, null, cancellationToken).ConfigureAwait(false)).Resource;
    }

    /// <summary>Follows a Bundle's link (next, previous, self...); null when the bundle has none.</summary>
    public async Task<Bundle?> FollowAsync(Bundle bundle, string relation = "next", CancellationToken cancellationToken = default)
    {
        var url = bundle.LinkUrl(relation);
        return url is null
            ? null
            : (await SendAsync<Bundle>(HttpMethod.Get, url, null, null, cancellationToken).ConfigureAwait(false)).Resource;
    }

    private async Task<FhirWireResponse<T>> SendAsync<T>(HttpMethod method, string path, Resource? body, Dictionary<string, string>? headers,
        CancellationToken cancellationToken)
        where T : Resource
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJsonMediaType));
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(FhirJson.SerializeToUtf8Bytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(FhirJsonMediaType) { CharSet = "utf-8" };
        }

        return await ReadResponseAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FhirWireResponse<T>> ReadResponseAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : Resource
    {
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var resource = FhirJson.Parse<T>(bytes);
        return new FhirWireResponse<T>(resource, response.StatusCode, response.Headers.ETag?.ToString(), response.Headers.Location,
            response.Content.Headers.LastModified);
    }

    private static async Task<FhirWireException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return FhirJson.TryParse<OperationOutcome>(bytes, out var outcome, out _)
            ? new FhirWireException(response.StatusCode, outcome)
            : new FhirWireException(response.StatusCode, null);
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var parts = parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
