using System.Text;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;
using Hl7.Fhir.Model;

namespace FhirAdapters.Tests.Json;

public class FhirJsonTests
{
    public static TheoryData<string> Goldens() => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.json"));

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Serialize_WhenAGoldenConsentIsReadBack_ThenTheSameJsonIsWritten(string path)
    {
        var compact = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.ToJsonString(
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        var consent = FhirJson.Parse<Consent>(compact);

        Assert.Equal(compact, FhirJson.Serialize(consent));
    }

    [Fact]
    public void Serialize_WhenXmlIsReadBack_ThenTheSameConsentComesOut()
    {
        var consent = new ConsentBuilder().Build();

        var xml = FhirXml.Serialize(consent);
        var back = FhirXml.Parse<Consent>(Encoding.UTF8.GetBytes(xml));

        Assert.Equal(FhirJson.Serialize(consent), FhirJson.Serialize(back));
    }

    [Fact]
    public void TryParse_WhenElementsAreWrong_ThenEachIssueNamesItsElement()
    {
        var ok = FhirJson.TryParse<Consent>("""{"resourceType":"Consent","status":"sure","dateTime":"2024-13-01","statuss":1}"""u8,
            out _, out var issues);

        Assert.False(ok);
        Assert.Contains(issues, i => i.Expression.Contains("Consent.status") && i.Details?.Text?.Contains("sure", StringComparison.Ordinal) == true);
        Assert.Contains(issues, i => i.Expression.Contains("Consent.dateTime"));
        Assert.Contains(issues, i => i.Expression.Contains("Consent.statuss"));
        Assert.Contains(issues, i => i.Expression.Contains("Consent.scope"));
    }

    [Fact]
    public void TryParse_WhenTheBodyIsAnotherType_ThenSaysWhichTypeWasExpected()
    {
        var ok = FhirJson.TryParse<Consent>("""{"resourceType":"Patient"}"""u8, out _, out var issues);

        Assert.False(ok);
        Assert.Contains("Expected a Consent", Assert.Single(issues).Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhenXmlHasADoctype_ThenItIsRefused()
    {
        var ok = FhirXml.TryParse<Consent>("""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><Consent xmlns="http://hl7.org/fhir"/>"""u8, out _, out var issues);

        Assert.False(ok);
        Assert.NotEmpty(issues);
    }
}
