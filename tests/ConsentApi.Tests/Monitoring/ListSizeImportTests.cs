using ConsentApi.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Monitoring;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Monitoring;

/// <summary>Importing a month's list sizes: all of it or none of it, every bad line named, each month once.</summary>
public abstract class ListSizeImportTests(ApiFactory api)
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Import_WhenPublicationIsValid_ThenPracticesAndEveryListSizeAreStored()
    {
        var publication = new ListSizePublicationBuilder("01-JAN-2020").WithPractice("B86001", 60, 55).WithPractice("B86002");

        using var response = await _admin.PostAsync("/admin/list-sizes", publication.Form());
        var sizes = await _admin.GetFromJsonAsync<JsonElement>("/monitoring/practices/B86001/list-sizes");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("The B86001 Surgery, \"Riverside\"", sizes.GetProperty("practice").GetProperty("name").GetString());
        Assert.Equal("Leeds, sub-ICB", sizes.GetProperty("practice").GetProperty("subIcbName").GetString());
        var rows = sizes.GetProperty("listSizes").EnumerateArray().ToList();
        Assert.Equal(1 + 2 * ListSizeFiles.AgeBands.Count, rows.Count);
        Assert.Contains(rows, r => r.GetProperty("sex").GetString() == "ALL" && r.GetProperty("patients").GetInt32() == 115 && r.GetProperty("extractDate").GetString() == "2020-01-01");
        Assert.Contains(rows, r => r.GetProperty("sex").GetString() == "MALE" && r.GetProperty("ageBand").GetString() == "5_9" && r.GetProperty("patients").GetInt32() == 55);
    }

    [Fact]
    public async Task Import_WhenThePublicationUsesItsLaterVariants_ThenAcceptedAndStoredInTheRegistrysBands()
    {
        var publication = new ListSizePublicationBuilder("01NOV2020").WithPractice("D82001", 30, 20);
        publication.SplitOldest = true;
        publication.EditAgeSex = rows => rows
            .Replace("GP,D82001,,,FEMALE,90_94,0", "GP,D82001,,,FEMALE,90_94,3", StringComparison.Ordinal)
            .Replace("GP,D82001,,,FEMALE,95+,0", "GP,D82001,,,FEMALE,95+,2", StringComparison.Ordinal)
            .Replace("GP,D82001,,,FEMALE,0_4,30", "GP,D82001,,,FEMALE,0_4,25", StringComparison.Ordinal)
            + "\"x\",01NOV2020,GP,D82001,,,ALL,ALL,50\r\n"
            + "\"x\",01NOV2020,ICB,QWO,,,FEMALE,0_4,9999\r\n";

        using var response = await _admin.PostAsync("/admin/list-sizes", publication.Form());
        var sizes = await _admin.GetFromJsonAsync<JsonElement>("/monitoring/practices/D82001/list-sizes");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rows = sizes.GetProperty("listSizes").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("2020-11-01", r.GetProperty("extractDate").GetString()));
        Assert.Equal(1 + 2 * ListSizeFiles.AgeBands.Count, rows.Count);
        Assert.Contains(rows, r => r.GetProperty("sex").GetString() == "FEMALE" && r.GetProperty("ageBand").GetString() == "90+" && r.GetProperty("patients").GetInt32() == 5);
        Assert.DoesNotContain(rows, r => r.GetProperty("ageBand").GetString() is "90_94" or "95+");
    }

    [Fact]
    public async Task Import_WhenTheOldestAreGivenBothWays_Then422NamingTheLine()
    {
        var publication = new ListSizePublicationBuilder("01-DEC-2020").WithPractice("D82002");
        publication.EditAgeSex = rows => rows + "\"x\",01-DEC-2020,GP,D82002,,,MALE,95+,0\r\n";

        using var response = await _admin.PostAsync("/admin/list-sizes", publication.Form());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"gp-reg-pat-prac-quin-age.csv line {2 + 2 * ListSizeFiles.AgeBands.Count}: practice D82002 has two rows for MALE 95+", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WhenLinesAreBad_Then422NamingEachLineAndNothingIsStored()
    {
        var publication = new ListSizePublicationBuilder("01-FEB-2020").WithPractice("C81001").WithPractice("C81002").WithPractice("C81003");
        publication.EditTotals = totals => totals.Replace("C81002,,ALL,ALL,78", "C81002,,ALL,ALL,seventy", StringComparison.Ordinal)
            .Replace("C81003,,ALL,ALL,78", "C81003,,ALL,ALL,79", StringComparison.Ordinal);

        using var response = await _admin.PostAsync("/admin/list-sizes", publication.Form());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("gp-reg-pat-prac-all.csv line 3: NUMBER_OF_PATIENTS 'seventy'", body, StringComparison.Ordinal);
        Assert.Contains("gp-reg-pat-prac-all.csv line 4: practice C81003 totals 79 but its rows by sex and age add up to 78", body, StringComparison.Ordinal);
        Assert.Equal(0, await api.CountAsync("SELECT count(*) FROM practice_list_sizes WHERE extract_date = '2020-02-01'"));
        Assert.Equal(0, await api.CountAsync("SELECT count(*) FROM practices WHERE ods_code = 'C81001'"));
    }

    [Fact]
    public async Task Import_WhenAPracticeHasNoTotal_Then422NamingItsMappingLine()
    {
        var publication = new ListSizePublicationBuilder("01-MAY-2020").WithPractice("G85001").WithPractice("G85002");
        publication.EditTotals = totals => string.Join("\r\n", totals.Split("\r\n").Where(l => !l.Contains("G85002", StringComparison.Ordinal)));

        using var response = await _admin.PostAsync("/admin/list-sizes", publication.Form());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("gp-reg-pat-prac-map.csv line 3: practice G85002 has no total in gp-reg-pat-prac-all.csv", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WhenTheMonthIsAlreadyImported_Then409AndTheFirstSnapshotStands()
    {
        using var first = await _admin.PostAsync("/admin/list-sizes", new ListSizePublicationBuilder("01-MAR-2020").WithPractice("D82001", 10, 10).Form());
        using var second = await _admin.PostAsync("/admin/list-sizes", new ListSizePublicationBuilder("01-MAR-2020").WithPractice("D82001", 99, 99).Form());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(20, await api.CountAsync("SELECT patients FROM practice_list_sizes WHERE extract_date = '2020-03-01' AND ods_code = 'D82001' AND sex = 'ALL'"));
    }

    [Fact]
    public async Task Import_WhenAFileIsMissingOrTheCallerIsNotAnAdministrator_ThenRefused()
    {
        var form = new MultipartFormDataContent { { new StringContent("x"), "files", ListSizeFiles.MappingFile } };
        using var missing = await _admin.PostAsync("/admin/list-sizes", form);
        using var analyst = api.CreateClientWithToken(await api.TokenAsync(ApiFactory.TestClientId, api.TestClientKey, "registry.monitoring"));
        using var notAdmin = await analyst.PostAsync("/admin/list-sizes", new ListSizePublicationBuilder().WithPractice("E83001").Form());

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    [Fact]
    public async Task Command_WhenRunOnAFolder_ThenImportsAndRefusesTheSameMonthAgain()
    {
        var folder = Path.Combine(api.ScratchDirectory, "publication-" + Guid.NewGuid().ToString("N"));
        new ListSizePublicationBuilder("01-APR-2020").WithPractice("F84001").WithPractice("F84002").WriteTo(folder);

        var first = await RegistryCommandLine.InvokeAsync(CommandContext.Ready(api.Services), ["import-list-sizes", "--dir", folder]);
        var again = await RegistryCommandLine.InvokeAsync(CommandContext.Ready(api.Services), ["import-list-sizes", "--dir", folder]);

        Assert.Equal((0, 1), (first, again));
        Assert.Equal(2 + 4 * ListSizeFiles.AgeBands.Count, await api.CountAsync("SELECT count(*) FROM practice_list_sizes WHERE extract_date = '2020-04-01'"));
    }
}
