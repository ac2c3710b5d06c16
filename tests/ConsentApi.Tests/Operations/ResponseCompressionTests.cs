using System.IO.Compression;
using System.Net.Http.Headers;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Operations;

/// <summary>
/// Responses are compressed as the client's Accept-Encoding asks, for FHIR and the bulk formats only: a searchset
/// comes back as Brotli or gzip and decodes to the same Bundle; an encoding the registry does not offer, or a JSON
/// response (as token responses are), goes out as it is.
/// </summary>
public sealed class ResponseCompressionTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Search_WhenTheClientAcceptsAnEncoding_ThenTheSearchsetComesEncodedAndDecodesToTheSameBundle(string encoding)
    {
        var consent = new ConsentBuilder();
        await api.CreateFhirClient().CreateAsync(consent.Build());
        var path = $"/fhir/Consent?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{consent.NhsNumber}";
        using var client = api.CreateDefaultClient();

        using var plain = await client.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var encoded = await client.SendAsync(request);
        var body = await DecodeAsync(encoded, encoding);

        Assert.Equal([encoding], encoded.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var bundle = FhirJson.Parse<Bundle>(body);
        Assert.Equal(consent.NhsNumber, bundle.Entry.Select(e => e.Resource).OfType<Consent>().Single().Patient?.Identifier?.Value);
        Assert.Equal(FhirJson.Parse<Bundle>(await plain.Content.ReadAsStringAsync()).Entry.Count, bundle.Entry.Count);
    }

    [Theory]
    [InlineData("/fhir/metadata", "compress", "application/fhir+json")]
    [InlineData("/.well-known/smart-configuration", "br", "application/json")]
    public async Task Get_WhenTheEncodingIsNotOfferedOrTheResponseIsJson_ThenItGoesOutAsItIs(string path, string encoding, string type)
    {
        using var client = api.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.StartsWith(type, response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("{", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response, string encoding)
    {
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br" ? new BrotliStream(raw, CompressionMode.Decompress) : new GZipStream(raw, CompressionMode.Decompress);
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }
}
