using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Investigations;

/// <summary>Flags worked to a conclusion: every change a new dated version, the rules of which changes are allowed, and the webhook for new flags.</summary>
public sealed class InvestigationTests(WebhookApiFactory api) : IClassFixture<WebhookApiFactory>
{
    private readonly HttpClient _staff = api.CreateClient();

    private async Task<long> FlagAsync(string area)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var finding = new Finding(DetectionMethods.Exceedance, "national-data-opt-out", "practice", area, "2026-11-15", true, 23, 4.2,
            null, null, null, null, 9.3, "23 new objections in the week ending 15 November 2026, 4.2 expected.");
        await scope.ServiceProvider.GetRequiredService<FlagStore>().AddAsync([finding], 0, default);
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.MonitoringFlags.Where(f => f.AreaCode == area).Select(f => f.Id).SingleAsync();
    }

    private Task<HttpResponseMessage> ChangeAsync(long id, object change, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/monitoring/flags/{id}/investigation") { Content = JsonContent.Create(change) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _staff.SendAsync(request);
    }

    [Fact]
    public async Task Change_WhenWorkedFromOpenToExplainedAndReopened_ThenEachChangeIsAVersionAndTheRulesHold()
    {
        var id = await FlagAsync("IV001");

        using var start = await _staff.GetAsync($"/monitoring/flags/{id}");
        using var assign = await ChangeAsync(id, new { status = "investigating", assignee = "analyst.one" }, "W/\"1\"");
        using var noOutcome = await ChangeAsync(id, new { status = "explained", note = "Local newspaper story" });
        using var noNote = await ChangeAsync(id, new { status = "explained", outcome = "local-publicity" });
        using var explain = await ChangeAsync(id, new { status = "explained", outcome = "local-publicity", note = "Local newspaper story on 12 Nov" });
        using var backToOpen = await ChangeAsync(id, new { status = "open" });
        using var stale = await ChangeAsync(id, new { note = "late thought" }, "W/\"2\"");
        using var reopen = await ChangeAsync(id, new { status = "investigating", note = "The practice reports more" });
        var flag = await _staff.GetFromJsonAsync<JsonElement>($"/monitoring/flags/{id}");

        Assert.Equal("open", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("investigation").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noOutcome.StatusCode);
        Assert.Contains("give its outcome", await noOutcome.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("add a note", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, explain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, backToOpen.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        var history = flag.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["open", "investigating", "explained", "investigating"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.Equal("analyst.one", history[3].GetProperty("assignee").GetString());
        Assert.Equal("local-publicity", history[2].GetProperty("outcome").GetString());
        Assert.Equal(4, await api.CountAsync($"SELECT count(*) FROM investigation_versions WHERE flag_id = {id}"));
    }

    [Fact]
    public async Task List_WhenFilteredByStatus_ThenOnlyFlagsInThatStateAndSameFindingIsFlaggedOnce()
    {
        var open = await FlagAsync("IV002");
        var worked = await FlagAsync("IV003");
        using var change = await ChangeAsync(worked, new { status = "dismissed", outcome = "coding-or-supplier-error", note = "Duplicate feed" });
        var again = await FlagAsync("IV002");

        var dismissed = await _staff.GetFromJsonAsync<JsonElement>("/monitoring/flags?status=dismissed&count=500");
        using var bad = await _staff.GetAsync("/monitoring/flags?status=closed");

        Assert.Equal(open, again);
        Assert.Contains(dismissed.GetProperty("flags").EnumerateArray(), f => f.GetProperty("id").GetInt64() == worked);
        Assert.DoesNotContain(dismissed.GetProperty("flags").EnumerateArray(), f => f.GetProperty("id").GetInt64() == open);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Webhook_WhenTheReceiverIsDownAtFirst_ThenTheNewFlagIsDeliveredLaterSigned()
    {
        api.Receiver.RefuseNext(1);
        var id = await FlagAsync("IV004");

        // The scheduler's poller tries within a second; the receiver refuses; the delivery waits (back-off) and says why.
        await Eventually.TrueAsync(async () => await api.CountAsync($"SELECT count(*) FROM webhook_deliveries WHERE flag_id = {id} AND attempts = 1 AND delivered_ticks IS NULL") == 1, "a first failed attempt");
        var error = await ErrorAsync(id);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            // Time passes: the back-off is over.
            await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().WebhookDeliveries.Where(d => d.FlagId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptTicks, 0L));
        }

        await Eventually.TrueAsync(() => api.Receiver.Received.Any(r => r.Body.Contains($"\"id\":{id},", StringComparison.Ordinal)), "the flag posted to the receiver");
        var (_, _, body, headers) = api.Receiver.Received.First(r => r.Body.Contains($"\"id\":{id},", StringComparison.Ordinal));

        Assert.Contains("503", error, StringComparison.Ordinal);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookApiFactory.Secret), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(expected, headers["X-Registry-Signature"]);
        Assert.Equal("flag.created", headers["X-Registry-Event"]);
        Assert.Equal("IV004", JsonDocument.Parse(body).RootElement.GetProperty("areaCode").GetString());
        await Eventually.TrueAsync(async () => await api.CountAsync($"SELECT count(*) FROM webhook_deliveries WHERE flag_id = {id} AND delivered_ticks IS NOT NULL") == 1, "the delivery marked delivered");
    }

    private async Task<string> ErrorAsync(long id)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().WebhookDeliveries.Where(d => d.FlagId == id)
            .Select(d => d.LastError!).SingleAsync();
    }
}
