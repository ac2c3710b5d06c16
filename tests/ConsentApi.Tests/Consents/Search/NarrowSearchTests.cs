using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using FhirAdapters.Primitives;

namespace ConsentApi.Tests.Consents.Search;

public sealed class NarrowSearchTests
{
    private const string Nhs = "9434765919";
    private const string Policy = "https://consentregistry.example/policy/national-data-opt-out/research";

    private static NarrowSearch? Of(params (string Key, string Value)[] query) =>
        NarrowSearch.Of(SearchRequestParser.Parse([.. query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))], strict: false,
            new FhirOptions(), "http://registry.test/fhir", DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData("patient:identifier")]
    [InlineData("patient.identifier")]
    public void Of_WhenOnlyAnNhsNumber_ThenNarrow(string key) =>
        Assert.Equal(new NarrowSearch(Nhs, null, null), Of((key, $"{NhsNumber.System}|{Nhs}")));

    [Fact]
    public void Of_WhenStatusPolicyAndCountToo_ThenNarrowWithBoth() =>
        Assert.Equal(new NarrowSearch(Nhs, "active", Policy),
            Of(("patient:identifier", $"{NhsNumber.System}|{Nhs}"), ("status", "http://hl7.org/fhir/consent-state-codes|active"), ("policy", Policy),
                ("_count", "5")));

    public static TheoryData<string, string> GeneralCases() => new()
    {
        { "_total", "accurate" },
        { "_sort", "date" },
        { "_summary", "count" },
        { "_count", "0" },
        { "_offset", "20" },
        { "_snapshot", "7" },
        { "status:not", "active" },
        { "status", "active,inactive" },
        { "status", "|active" },
        { "policy", "https://a.example|b" },
        { "patient:identifier", $"{NhsNumber.System}|9434765870" },
        { "date", "2025" },
        { "_id", "abc" },
    };

    [Theory]
    [MemberData(nameof(GeneralCases))]
    public void Of_WhenAnythingMoreIsAsked_ThenGeneral(string key, string value) =>
        Assert.Null(Of(("patient:identifier", $"{NhsNumber.System}|{Nhs}"), (key, value)));

    [Theory]
    [InlineData("patient:identifier", Nhs)]
    [InlineData("patient:identifier", "https://other.example/id|" + Nhs)]
    [InlineData("patient:identifier", NhsNumber.System + "|" + Nhs + "," + NhsNumber.System + "|9434765870")]
    [InlineData("patient", "Patient/p-1")]
    [InlineData("status", "active")]
    public void Of_WhenNoSingleNhsNumberWithItsSystem_ThenGeneral(string key, string value) =>
        Assert.Null(Of((key, value)));

    [Fact]
    public void Parse_WhenNarrow_ThenItsFiltersStillBuildForTheGeneralPath()
    {
        var request = SearchRequestParser.Parse([new("patient:identifier", $"{NhsNumber.System}|{Nhs}"), new("status", "active"), new("policy", Policy)],
            strict: false, new FhirOptions(), "http://registry.test/fhir", DateTimeOffset.UnixEpoch);

        Assert.NotNull(request.Narrow);
        Assert.Equal(3, request.Filters.Count);
    }

    [Fact]
    public void Parse_WhenNotNarrowAndAValueIsBad_ThenRefusedWhileParsing() =>
        Assert.Throws<FhirErrorException>(() => SearchRequestParser.Parse([new("status", "|")], strict: false, new FhirOptions(),
            "http://registry.test/fhir", DateTimeOffset.UnixEpoch));
}
