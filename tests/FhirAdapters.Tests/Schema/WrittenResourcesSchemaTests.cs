using FhirAdapters.Json;
using FhirAdapters.Outcomes;
using FhirAdapters.Profiles;
using FhirAdapters.Tests.Builders;

namespace FhirAdapters.Tests.Schema;

public class WrittenResourcesSchemaTests
{
    [Fact]
    public void Validate_WhenJsonBreaksSchema_ThenOracleReportsIt()
    {
        var errors = FhirSchemaOracle.Instance.Validate("""{"resourceType":"Consent","status":"sure","statuss":1,"scope":{"coding":[{"code":" x"}]}}""");

        Assert.Contains(errors, e => e.Contains("statuss", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'category' is required", StringComparison.Ordinal));
    }

    public static TheoryData<string> Resources()
    {
        var data = new TheoryData<string>
        {
            FhirJson.Serialize(new ConsentBuilder().Build()),
            FhirJson.Serialize(Issues.Outcome("error", "invalid", "Consent.status is missing.", "Consent.status")),
            FhirJson.Serialize(new SubscriptionBuilder("Consent", "https://gp.example/notify").Build()),
        };
        foreach (var resource in RegistryConformance.All)
        {
            data.Add(FhirJson.Serialize(resource));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Serialize_WhenWritten_ThenMatchesTheR4Schema(string json) =>
        Assert.Empty(FhirSchemaOracle.Instance.Validate(json));
}
