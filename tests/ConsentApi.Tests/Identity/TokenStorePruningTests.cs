using System.Net;
using System.Net.Http.Json;
using ConsentApi.Identity;
using ConsentApi.Identity.TokenServer;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace ConsentApi.Tests.Identity;

/// <summary>The daily pruning removes old token entries that can no longer be used, and keeps a sign-in that still can.</summary>
public abstract class TokenStorePruningTests(ApiFactory api)
{
    [Fact]
    public async Task Prune_WhenEntriesAreOlderThanTheKeptDays_ThenSpentOnesGoAndALiveRefreshTokenStillWorks()
    {
        var (flow, first) = await PersonApps.SignedInAsync(api, "patient/Consent.rs offline_access");
        using var _ = flow;
        using var refreshed = await flow.RefreshAsync(first.RefreshToken!);
        var live = (await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!.RefreshToken!;
        var subject = await SubjectAsync();
        await AgeEntriesAsync(subject, TimeSpan.FromDays(TokenStorePruning.KeepDays + 1));

        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TokenStorePruning>().PruneAsync(CancellationToken.None);
        }

        var left = await StatusesAsync(subject);
        using var stillWorks = await flow.RefreshAsync(live);

        Assert.DoesNotContain("redeemed", left);
        Assert.Contains("valid", left);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    private async Task<string> SubjectAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return (await db.Set<OpenIddictEntityFrameworkCoreToken>().OrderByDescending(t => t.CreationDate).FirstAsync(t => t.Type!.Contains("refresh_token"))).Subject!;
    }

    private async Task AgeEntriesAsync(string subject, TimeSpan age)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        foreach (var token in await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject == subject).ToListAsync())
        {
            token.CreationDate -= age;
        }

        await db.SaveChangesAsync();
    }

    private async Task<List<string>> StatusesAsync(string subject)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject == subject && t.Type!.Contains("refresh_token"))
            .Select(t => t.Status!).ToListAsync();
    }
}
