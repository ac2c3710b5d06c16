using System.Net;
using System.Text;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Register;

/// <summary>The disclosure register: entries are checked before they are published, and never changed.</summary>
public sealed class RegisterTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _http = api.CreateClient();

    [Theory]
    [InlineData("""{"id":"x","recipientOds":"RR8","recipientName":"A","purpose":"HRESCH","dataDescription":"d","optOutsApply":true}""", "id")]
    [InlineData("""{"id":"GOOD-ID","recipientOds":"rr8 ","recipientName":"A","purpose":"HRESCH","dataDescription":"d","optOutsApply":true}""", "recipientOds")]
    [InlineData("""{"id":"GOOD-ID","recipientOds":"RR8","recipientName":"A","purpose":"SELLING","dataDescription":"d","optOutsApply":true}""", "purpose")]
    [InlineData("""{"id":"GOOD-ID","recipientOds":"RR8","recipientName":"A","purpose":"HRESCH","dataDescription":"d","optOutsApply":false}""", "legalBasis")]
    [InlineData("""{"id":"GOOD-ID","recipientOds":"RR8","purpose":"HRESCH","dataDescription":"d","optOutsApply":true}""", "recipientName")]
    public async Task AddDisclosure_WhenFieldWrong_Then400NamingIt(string json, string field)
    {
        var response = await _http.PostAsync("/register/disclosures", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"expression\":[\"{field}\"]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDisclosure_WhenIdTaken_Then409AndOriginalKept()
    {
        const string json = """{"id":"DUP-1","recipientOds":"RR8","recipientName":"A","purpose":"HRESCH","dataDescription":"first","optOutsApply":true}""";
        await _http.PostAsync("/register/disclosures", new StringContent(json, Encoding.UTF8, "application/json"));

        var again = await _http.PostAsync("/register/disclosures", new StringContent(json.Replace("first", "second", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("\"dataDescription\":\"first\"", await _http.GetStringAsync("/register/disclosures/DUP-1"), StringComparison.Ordinal);
    }
}
