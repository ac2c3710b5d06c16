using System.Net;
using System.Net.Http.Json;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Accounts;

/// <summary>
/// People's apps keep a session with refresh tokens: each is used once and swapped for a new pair, a used one presented
/// again ends the whole sign-in, signing out revokes it, and only apps that ask for offline_access get one.
/// </summary>
public abstract class RefreshTokenTests(ApiFactory api)
{
    private const string Scopes = "patient/Consent.rs offline_access";
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Refresh_WhenTheAppAskedForOfflineAccess_ThenANewPairIsIssuedThatWorks()
    {
        using var flow = await SignedInFlowAsync();
        var first = await flow.TokenAsync(await UserAsync(), PersonApps.Password, Scopes);

        using var refreshed = await flow.RefreshAsync(first.RefreshToken!);
        var second = (await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!;
        using var http = api.CreateClientWithToken(second.AccessToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotNull(second.RefreshToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal("patient/Consent.rs offline_access", second.Scope);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/fhir/Consent")).StatusCode);
        Assert.Null(CraftedJwt.Payload(second.AccessToken)["client_id"]);
    }

    [Fact]
    public async Task Refresh_WhenAUsedRefreshTokenIsPresentedAgain_ThenRefusedAndEveryTokenOfThatSignInIsRevoked()
    {
        using var flow = await SignedInFlowAsync();
        var first = await flow.TokenAsync(await UserAsync(), PersonApps.Password, Scopes);
        using var refreshed = await flow.RefreshAsync(first.RefreshToken!);
        var second = (await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!;

        using var replayed = await flow.RefreshAsync(first.RefreshToken!);
        using var afterReplay = await flow.RefreshAsync(second.RefreshToken!);

        await AssertInvalidGrantAsync(replayed);
        await AssertInvalidGrantAsync(afterReplay);
    }

    [Fact]
    public async Task Revoke_WhenTheAppSignsOut_ThenItsRefreshTokenNoLongerWorks()
    {
        using var flow = await SignedInFlowAsync();
        var token = await flow.TokenAsync(await UserAsync(), PersonApps.Password, Scopes);

        using var revoked = await flow.RevokeAsync(token.RefreshToken!);
        using var refreshed = await flow.RefreshAsync(token.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await AssertInvalidGrantAsync(refreshed);
    }

    [Fact]
    public async Task Token_WhenTheAppDidNotAskForOfflineAccess_ThenNoRefreshToken()
    {
        using var flow = await SignedInFlowAsync();

        var token = await flow.TokenAsync(await UserAsync(), PersonApps.Password, "patient/Consent.rs");

        Assert.Null(token.RefreshToken);
    }

    [Fact]
    public async Task Refresh_WhenTheTokenIsNotOneTheRegistryIssued_ThenInvalidGrant()
    {
        using var flow = await SignedInFlowAsync();

        using var refreshed = await flow.RefreshAsync("not-a-refresh-token");

        await AssertInvalidGrantAsync(refreshed);
    }

    private async Task<SignInFlow> SignedInFlowAsync()
    {
        await PersonApps.EnsureAppAsync(_admin);
        return new SignInFlow(api.ServerAddress, PersonApps.App, PersonApps.Redirect);
    }

    private async Task<string> UserAsync() => (await PersonApps.RegisterPatientAsync(api)).UserName;

    private static async Task AssertInvalidGrantAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<TokenErrorResponse>())!;
        Assert.Equal("invalid_grant", body.Error);
        Assert.False(string.IsNullOrWhiteSpace(body.ErrorDescription));
    }
}
