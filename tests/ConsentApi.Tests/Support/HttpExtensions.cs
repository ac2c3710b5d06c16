using System.Net.Http.Headers;
using System.Text;
using FhirAdapters.Json;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Support;

/// <summary>Raw HTTP helpers for tests that send what a typed client never would.</summary>
public static class HttpExtensions
{
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string body,
        string contentType = "application/fhir+json", IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    public static async Task<OperationOutcome> OutcomeAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.StartsWith("application/fhir+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var outcome = FhirJson.Parse<OperationOutcome>(body);
        Assert.NotEmpty(outcome.Issue!);
        Assert.All(outcome.Issue!, i => Assert.False(string.IsNullOrWhiteSpace(i.Diagnostics)));
        return outcome;
    }

    public static async Task<Bundle> BundleAsync(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return FhirJson.Parse<Bundle>(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>GETs a Bundle that must be answered 200.</summary>
    public static async Task<Bundle> GetBundleAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return FhirJson.Parse<Bundle>(await response.Content.ReadAsStringAsync());
    }

    public static IReadOnlyList<Consent> Consents(this Bundle bundle) =>
        bundle.Entry?.Where(e => e.Search?.Mode?.GetLiteral() != "outcome").Select(e => (Consent)e.Resource!).ToList() ?? [];
}
