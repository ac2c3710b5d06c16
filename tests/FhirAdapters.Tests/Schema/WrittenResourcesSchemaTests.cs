using System.Text.Json;
using FhirAdapters.Json;
using FhirAdapters.Model;
using FhirAdapters.Tests.Builders;

namespace FhirAdapters.Tests.Schema;

public class WrittenResourcesSchemaTests
{
    [Fact]
    public void Validate_WhenJsonBreaksSchema_ThenOracleReportsIt()
    {
        var errors = FhirSchemaOracle.Instance.Validate("""{"resourceType":"Consent","status":"sure","statuss":1,"scope":{"coding":[{"code":" x"}]}}""");

        Assert.Contains(errors, e => e.Contains("statuss", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("\"sure\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("' x'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'category' is required", StringComparison.Ordinal));
    }

    public static TheoryData<string> Resources() => new(
        FhirJson.Serialize(new ConsentBuilder().Build()),
        FhirJson.Serialize(OperationOutcome.Of("error", "invalid", "Consent.status is missing.", "Consent.status")),
        FhirJson.Serialize(SampleBundle()),
        FhirJson.Serialize(new Parameters
        {
            Parameter =
            [
                new ParametersParameter { Name = "decision", Value = FhirPrimitive.Code("deny") },
                new ParametersParameter { Name = "basis", Resource = new ConsentBuilder().Build() },
                new ParametersParameter { Name = "detail", Part = [new ParametersParameter { Name = "score", Value = new FhirPrimitive(FhirPrimitiveType.Decimal, "0.50") }] },
            ],
        }),
        FhirJson.Serialize(new CapabilityStatement
        {
            Status = "active",
            Date = "2026-11-21",
            Kind = "instance",
            FhirVersion = "4.0.1",
            Format = ["json"],
            Rest = [new CapabilityStatementRest
            {
                Mode = "server",
                Resource = [new CapabilityStatementResource
                {
                    Type = "Consent",
                    Interaction = [new CapabilityStatementInteraction("read")],
                    SearchParam = [new CapabilityStatementSearchParam { Name = "patient", Type = "reference" }],
                }],
            }],
        }));

    [Theory]
    [MemberData(nameof(Resources))]
    public void Serialize_WhenLibraryWritesResource_ThenOfficialSchemaAcceptsIt(string json)
    {
        Assert.Empty(FhirSchemaOracle.Instance.Validate(json));
    }

    private static Bundle SampleBundle()
    {
        using var stored = JsonDocument.Parse(FhirJson.Serialize(new ConsentBuilder().With(c => c.Id = "abc").Build()));
        return new Bundle
        {
            Type = "history",
            Link = [new BundleLink { Relation = "self", Url = "https://x/fhir/Consent/abc/_history" }],
            Entry =
            [
                new BundleEntry
                {
                    FullUrl = "https://x/fhir/Consent/abc",
                    Resource = new RawResource("Consent", stored.RootElement),
                    Request = new BundleEntryRequest { Method = "PUT", Url = "Consent/abc" },
                    Response = new BundleEntryResponse { Status = "200 OK", Etag = "W/\"2\"", LastModified = "2026-11-21T10:00:00.000Z" },
                },
                new BundleEntry
                {
                    FullUrl = "https://x/fhir/Consent/abc",
                    Request = new BundleEntryRequest { Method = "DELETE", Url = "Consent/abc" },
                    Response = new BundleEntryResponse { Status = "200 OK" },
                },
            ],
        };
    }
}
