using System.Text;
using FhirAdapters.Json;
using FhirAdapters.Model;
using FhirAdapters.Tests.Schema;
using FhirAdapters.Validation;

namespace FhirAdapters.Tests.Json;

public class FhirJsonRoundTripTests
{
    public static TheoryData<string> GoldenFiles() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.json").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Serialize_WhenGoldenConsentParsed_ThenBytesAreIdentical(string file)
    {
        var original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", file));

        var consent = FhirJson.Parse<Consent>(original);
        var written = FhirJson.SerializeToUtf8Bytes(consent, indented: true);

        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(written));
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Serialize_WhenGoldenConsentWrittenCompact_ThenOfficialSchemaAcceptsIt(string file)
    {
        var consent = FhirJson.Parse<Consent>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", file)));

        var errors = FhirSchemaOracle.Instance.Validate(FhirJson.Serialize(consent));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Validate_WhenGoldenConsent_ThenNoErrors(string file)
    {
        var consent = FhirJson.Parse<Consent>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", file)));

        var errors = ConsentValidator.Validate(consent).Where(i => i.Severity == "error").Select(i => i.Diagnostics);

        Assert.Empty(errors);
    }

    [Fact]
    public void Parse_WhenDecimalHasTrailingZeros_ThenTheExactTextIsKept()
    {
        var consent = FhirJson.Parse<Consent>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "proxy-research-permit.json")));

        var value = (FhirPrimitive)consent.Extension![1].Value!;
        var quantity = (Quantity)consent.Extension[2].Extension![0].Value!;

        Assert.Equal("0.950", value.Value);
        Assert.Equal("14.0", quantity.Value);
    }

    [Fact]
    public void Parse_WhenPrimitiveHasExtension_ThenItIsOnTheSibling()
    {
        var consent = FhirJson.Parse<Consent>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "type1-objection.json")));

        var sibling = consent.GetPrimitiveExtension("status");

        Assert.Equal("active", consent.Status);
        Assert.Equal("Recorded at the practice reception desk", ((FhirPrimitive)sibling!.Extension![0].Value!).Value);
    }
}
