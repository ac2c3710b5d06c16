using System.Net;
using System.Net.Http.Json;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Accounts;

/// <summary>
/// A sign-in ends at Auth:SessionHours however often its refresh token is swapped: each refresh token is issued to live
/// no longer than the sign-in has left, so two hours on, a refresh token that would otherwise last a day is refused.
/// </summary>
public sealed class SessionLimitTests(MovableClockApiFactory api) : IClassFixture<MovableClockApiFactory>
{
    [Fact]
    public async Task Refresh_WhenTheSignInIsOlderThanItsLimit_ThenRefusedSayingToSignInAgain()
    {
        var (flow, token) = await PersonApps.SignedInAsync(api, "patient/Consent.rs offline_access");
        using var _ = flow;
        using var withinLimit = await flow.RefreshAsync(token.RefreshToken!);
        var renewed = (await withinLimit.Content.ReadFromJsonAsync<TokenResponse>())!;

        api.Clock.Ahead = TimeSpan.FromHours(2);
        using var pastLimit = await flow.RefreshAsync(renewed.RefreshToken!);
        var refusal = (await pastLimit.Content.ReadFromJsonAsync<TokenErrorResponse>())!;

        Assert.Equal(HttpStatusCode.OK, withinLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pastLimit.StatusCode);
        Assert.Equal("invalid_grant", refusal.Error);
        Assert.Contains("no longer valid", refusal.ErrorDescription, StringComparison.Ordinal);
    }
}
