using System.Net;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Outcomes;
using FhirAdapters.Profiles;
using FhirAdapters.Validation;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Metadata;

public class ConformanceResourceTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Read_WhenTheRegistryProfileIsAskedWithoutAToken_ThenItIsServedUnderItsCanonicalUrl()
    {
        using var http = Anonymous();

        var profile = FhirJson.Parse<StructureDefinition>(await http.GetStringAsync("StructureDefinition/registry-consent"));

        Assert.Equal(RegistryConformance.ConsentProfile, profile.Url);
        Assert.Equal("http://hl7.org/fhir/StructureDefinition/Consent", profile.BaseDefinition);
    }

    [Theory]
    [InlineData("StructureDefinition", 2)]
    [InlineData("ValueSet", 2)]
    [InlineData("CodeSystem", 2)]
    public async Task Search_WhenATypeIsListed_ThenEveryPublishedResourceIsThereAndPassesTheSdkValidator(string type, int expected)
    {
        using var http = Anonymous();

        var bundle = FhirJson.Parse<Bundle>(await http.GetStringAsync(type));

        Assert.Equal(expected, bundle.Total);
        Assert.All(bundle.Entry, e => Assert.DoesNotContain(ProfileValidator.Shared.Validate(e.Resource!).Issue, i => i.IsError()));
    }

    [Fact]
    public async Task Search_WhenUrlGiven_ThenOnlyThatResource()
    {
        using var http = Anonymous();

        var bundle = FhirJson.Parse<Bundle>(await http.GetStringAsync($"ValueSet?url={Uri.EscapeDataString(RegistryConformance.CaptureChannelValueSet)}"));

        Assert.Equal(RegistryConformance.CaptureChannelValueSet, Assert.IsType<ValueSet>(Assert.Single(bundle.Entry).Resource).Url);
    }

    [Fact]
    public async Task Read_WhenTheIdIsNotPublished_Then404ListingWhatIs()
    {
        using var http = Anonymous();

        using var response = await http.GetAsync("CodeSystem/colours");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("capture-channel", (await response.OutcomeAsync()).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private HttpClient Anonymous()
    {
        var http = api.CreateAnonymousClient();
        http.BaseAddress = new Uri(http.BaseAddress!, "fhir/");
        return http;
    }
}
