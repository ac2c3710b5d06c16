using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace ConsentApi.Tests.Support;

/// <summary>
/// Firely's <see cref="FhirClient"/> on a test <see cref="HttpClient"/> (its token and the response validation come
/// with it), with what the tests share on top: each answer's status, ETag, Location and Last-Modified as a
/// <see cref="FhirResult{T}"/>, If-None-Exist and If-Match given by value, searches from name/value pairs. Errors
/// are Firely's <see cref="FhirOperationException"/>. Tests of the wire itself use the HttpClient directly.
/// </summary>
public sealed class TestFhirClient
{
    private readonly FhirClient _client;

    /// <param name="http">A client whose BaseAddress is the FHIR base, with its trailing slash.</param>
    public TestFhirClient(HttpClient http)
    {
        _client = new FhirClient(http.BaseAddress!, http, new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            ReturnPreference = ReturnPreference.Representation,
        });
    }

    public async Task<CapabilityStatement> CapabilitiesAsync() => (await _client.CapabilityStatementAsync())!;

    public async Task<FhirResult<T>> CreateAsync<T>(T resource, string? ifNoneExist = null)
        where T : Resource
    {
        var created = ifNoneExist is null ? await _client.CreateAsync(resource) : await _client.ConditionalCreateAsync(resource, Params(Pairs(ifNoneExist)));
        return Result(created!);
    }

    public async Task<FhirResult<T>> ReadAsync<T>(string id)
        where T : Resource => Result((await _client.ReadAsync<T>($"{typeof(T).Name}/{id}"))!);

    public async Task<FhirResult<T>> VReadAsync<T>(string id, string versionId)
        where T : Resource => Result((await _client.ReadAsync<T>($"{typeof(T).Name}/{id}/_history/{versionId}"))!);

    /// <summary>Updates; with <paramref name="ifMatchVersion"/> the server refuses (412) if the resource has moved on.</summary>
    public async Task<FhirResult<T>> UpdateAsync<T>(T resource, string? ifMatchVersion = null)
        where T : Resource
    {
        if (ifMatchVersion is null)
        {
            return Result((await _client.UpdateAsync(resource))!);
        }

        var versioned = (T)resource.DeepCopy();
        versioned.Meta ??= new Meta();
        versioned.Meta.VersionId = ifMatchVersion;
        return Result((await _client.UpdateAsync(versioned, versionAware: true))!);
    }

    public async Task DeleteAsync(string resourceType, string id, string? ifMatchVersion = null)
    {
        if (ifMatchVersion is null)
        {
            await _client.DeleteAsync($"{resourceType}/{id}");
            return;
        }

        // Firely's delete sends no If-Match of its own; a default header carries it for this one request.
        _client.RequestHeaders!.TryAddWithoutValidation("If-Match", $"W/\"{ifMatchVersion}\"");
        try
        {
            await _client.DeleteAsync($"{resourceType}/{id}");
        }
        finally
        {
            _client.RequestHeaders.Remove("If-Match");
        }
    }

    /// <summary>Searches with GET, or with POST to <c>_search</c>.</summary>
    public async Task<Bundle> SearchAsync(string resourceType, IEnumerable<KeyValuePair<string, string>> parameters, bool usePost = false) =>
        (usePost ? await _client.SearchUsingPostAsync(Params(parameters), resourceType) : await _client.SearchAsync(Params(parameters), resourceType))!;

    /// <summary>History of one resource (<paramref name="id"/> given) or of the whole type.</summary>
    public async Task<Bundle> HistoryAsync(string resourceType, string? id = null, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        var path = id is null ? $"{resourceType}/_history" : $"{resourceType}/{id}/_history";
        var query = string.Join('&', (parameters ?? []).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return (Bundle)(await _client.GetAsync(query.Length == 0 ? path : path + "?" + query))!;
    }

    /// <summary>The next page of a Bundle; null when it is the last.</summary>
    public Task<Bundle?> FollowAsync(Bundle bundle) => _client.ContinueAsync(bundle);

    private FhirResult<T> Result<T>(T resource)
        where T : Resource
    {
        var response = _client.LastResult!;
        return new FhirResult<T>(resource, (HttpStatusCode)int.Parse(response.Status!.Split(' ')[0], CultureInfo.InvariantCulture), response.Etag,
            response.Location is { } location ? new Uri(location, UriKind.RelativeOrAbsolute) : null, response.LastModified);
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")));

    private static SearchParams Params(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var search = new SearchParams();
        foreach (var (name, value) in parameters)
        {
            search.Add(name, value);
        }

        return search;
    }
}
