using System.Text;
using FhirAdapters.Json;
using FhirAdapters.Model;

namespace FhirAdapters.Tests.Json;

public class FhirJsonReaderTests
{
    private const string Minimal = """{"resourceType":"Consent","status":"active","scope":{"text":"x"},"category":[{"text":"y"}]""";
    private const string WithoutStatus = """{"resourceType":"Consent","scope":{"text":"x"},"category":[{"text":"y"}]""";

    private static IReadOnlyList<OperationOutcomeIssue> Problems(string json)
    {
        var ok = FhirJson.TryParse<Consent>(Encoding.UTF8.GetBytes(json), out _, out var issues);
        Assert.False(ok);
        Assert.NotEmpty(issues);
        return issues;
    }

    [Fact]
    public void Parse_WhenElementUnknown_ThenIssueNamesElementAndPath()
    {
        var issue = Assert.Single(Problems(Minimal + ""","provision":{"typo":"deny"}}"""));

        Assert.Equal("Consent.provision.typo", Assert.Single(issue.Expression!));
        Assert.Contains("Unknown element 'typo'", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenElementCaseWrong_ThenIssueSuggestsRightName()
    {
        var issue = Assert.Single(Problems(Minimal + ""","datetime":"2020"}"""));

        Assert.Contains("Did you mean 'dateTime'", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenJsonMalformed_ThenLineAndPositionAreGiven()
    {
        var issue = Assert.Single(Problems("{\n  \"resourceType\": \"Consent\",\n  \"status\": ,\n}"));

        Assert.Contains("line 3", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains("position 13", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""","status":true}""", "Consent.status", "must be a JSON string")]
    [InlineData(""","verification":[{"verified":"yes"}]}""", "Consent.verification[0].verified", "must be a JSON boolean")]
    [InlineData(""","identifier":{"value":"a"}}""", "Consent.identifier", "must be a JSON array")]
    [InlineData(""","patient":[{"display":"a"}]}""", "Consent.patient", "must be a single value")]
    [InlineData(""","patient":"Patient/1"}""", "Consent.patient", "must be a JSON object")]
    [InlineData(""","dateTime":null}""", "Consent.dateTime", "null")]
    [InlineData(""","identifier":[]}""", "Consent.identifier", "empty array")]
    [InlineData(""","sourceString":"x"}""", "Consent.sourceString", "sourceAttachment, sourceReference")]
    [InlineData(""","_scope":{}}""", "Consent._scope", "no primitive 'scope'")]
    [InlineData(""","sourceAttachment":{"size":1.5}}""", "Consent.sourceAttachment.size", "whole number")]
    [InlineData(""","sourceAttachment":{"size":99999999999}}""", "Consent.sourceAttachment.size", "out of range")]
    [InlineData(""","sourceAttachment":{"url":"a"},"sourceReference":{"display":"b"}}""", "Consent.sourceReference", "more than one value")]
    public void Parse_WhenValueHasWrongShape_ThenIssueNamesPathAndProblem(string tail, string path, string expected)
    {
        var issues = Problems(WithoutStatus + tail);

        var issue = Assert.Single(issues, i => i.Expression?.Contains(path) == true);
        Assert.Contains(expected, issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenKeyRepeated_ThenDuplicateIsReported()
    {
        var issue = Assert.Single(Problems(Minimal + ""","status":"inactive"}"""));

        Assert.Contains("more than once", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenResourceTypeMissingOrOther_ThenIssueSaysWhatIsExpected()
    {
        Assert.Contains("no resourceType", Problems("""{"status":"active"}""")[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("this endpoint takes 'Consent'", Problems("""{"resourceType":"Patient"}""")[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenSeveralProblems_ThenAllAreReported()
    {
        var issues = Problems(Minimal + ""","a":1,"b":2,"dateTime":5}""");

        Assert.Equal(3, issues.Count);
    }

    [Fact]
    public void Parse_WhenNestedTooDeep_ThenStructureIssueNotException()
    {
        var inner = """{"url":"a","valueString":"x"}""";
        for (var i = 0; i < 40; i++)
        {
            inner = """{"url":"a","extension":[""" + inner + "]}";
        }

        var json = Minimal + ""","extension":[""" + inner + "]}";

        Assert.Equal("structure", Problems(json)[0].Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("\"Consent\"")]
    [InlineData("{\"resourceType\":\"Consent\"} trailing")]
    public void Parse_WhenBodyIsNotAResource_ThenIssueNotException(string json)
    {
        Assert.NotEmpty(Problems(json));
    }

    [Fact]
    public void Parse_WhenUtf8Invalid_ThenStructureIssue()
    {
        var bytes = Encoding.UTF8.GetBytes(Minimal + ""","dateTime":"X"}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;

        var ok = FhirJson.TryParse<Consent>(bytes, out _, out var issues);

        Assert.False(ok);
        Assert.Equal("structure", issues[0].Code);
    }

    [Fact]
    public void Parse_WhenResourceTypeNotFirst_ThenItIsStillRead()
    {
        var consent = FhirJson.Parse<Consent>("""{"status":"draft","resourceType":"Consent","scope":{"text":"x"},"category":[{"text":"y"}]}""");

        Assert.Equal("draft", consent.Status);
    }

    [Fact]
    public void Parse_WhenChoicePrimitiveHasOnlyExtension_ThenPrimitiveKeepsIt()
    {
        var consent = FhirJson.Parse<Consent>(Minimal + ""","extension":[{"url":"u","_valueString":{"extension":[{"url":"v","valueBoolean":true}]}}]}""");

        var value = Assert.IsType<FhirPrimitive>(consent.Extension![0].Value);
        Assert.Null(value.Value);
        Assert.Equal("v", value.Extension![0].Url);
    }
}
