using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentApi.Accounts;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Tests.Builders;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Accounts;

/// <summary>
/// People signing in through an app (authorization code with PKCE): patients reach only their own choices, staff
/// get their roles' scopes and can never change choices, lockout and two-factor work, and codes cannot be misused.
/// </summary>
public abstract class SignInTests(ApiFactory api)
{
    private const string App = PersonApps.App;
    private const string Redirect = PersonApps.Redirect;
    private const string Password = PersonApps.Password;
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task SignIn_WhenPatientRegistersAndSignsIn_ThenTheirTokenReachesOnlyTheirOwnChoices()
    {
        await EnsureAppAsync();
        var (nhs, userName) = await RegisterPatientAsync();
        var theirs = (await api.CreateFhirClient().CreateAsync(new ConsentBuilder(nhs).Build())).Resource.Id!;
        await api.CreateFhirClient().CreateAsync(new ConsentBuilder().Build());
        using var flow = new SignInFlow(api.ServerAddress, App, Redirect);

        var token = await flow.TokenAsync(userName, Password, "patient/Consent.rs patient/Consent.cud registry.admin");
        using var http = api.CreateClientWithToken(token.AccessToken);
        var bundle = FhirJson.Parse<Bundle>(await http.GetStringAsync("/fhir/Consent"));
        var me = await http.GetFromJsonAsync<JsonElement>("/accounts/me");

        Assert.Equal("patient/Consent.rs patient/Consent.cud", token.Scope);
        Assert.Equal(nhs, (string?)CraftedJwt.Payload(token.AccessToken)["nhs_number"]);
        Assert.Equal([theirs], bundle.Entry!.Where(e => e.Search?.Mode?.GetLiteral() == "match").Select(e => e.Resource!.Id));
        Assert.Equal(nhs, me.GetProperty("nhsNumber").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/admin/clients")).StatusCode);
    }

    [Fact]
    public async Task Register_WhenDetailsDoNotMatchAreUnknownOrAlreadyLinked_ThenEveryRefusalIsWordForWordTheSame()
    {
        var nhs = await api.RegisteredPersonAsync(1980, "P99002", "M");
        var unknown = TestNhsNumbers.Next();
        using var anonymous = api.CreateAnonymousClient();

        using var wrongDay = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1980-03-16", "someone-" + nhs));
        using var wrongPostcode = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1980-03-15", "other-" + nhs) with { Postcode = "LS1 4AQ" });
        using var notRegistered = await anonymous.PostAsJsonAsync("/accounts/register", Registration(unknown, "1980-03-15", "nobody-" + unknown));
        using var weak = await anonymous.PostAsJsonAsync("/accounts/register", Registration(unknown, "1980-03-15", "weak-" + unknown) with { Password = "short" });
        using var yearOnly = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1980", "year-" + nhs));
        using var first = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1980-03-15", "first-" + nhs) with { Postcode = "ls1 4ap" });
        using var second = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1980-03-15", "second-" + nhs));

        var refusal = await RefusalAsync(wrongDay);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongDay.StatusCode);
        Assert.Equal(AccountEndpoints.NotMatched, refusal);
        foreach (var other in new[] { wrongPostcode, notRegistered, second })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
            Assert.Equal(refusal, await RefusalAsync(other));
        }

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, yearOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
    }

    [Fact]
    public async Task Register_WhenTheDetailsForOneNhsNumberAreGuessedFiveTimes_ThenEvenTheRightDetailsAreRefusedTheSameWay()
    {
        var nhs = await api.RegisteredPersonAsync(1990, "P99002", "F");
        using var anonymous = api.CreateAnonymousClient();
        for (var day = 1; day <= 5; day++)
        {
            using var guess = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, $"1990-01-{day:D2}", $"guess{day}-{nhs}"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, guess.StatusCode);
        }

        using var right = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1990-03-15", "owner-" + nhs));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.StatusCode);
        Assert.Equal(AccountEndpoints.NotMatched, await RefusalAsync(right));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM auth_failures WHERE subject LIKE '%{nhs}%'"));
    }

    [Fact]
    public async Task Register_WhenAnEarlierFailureIsOlderThanEveryWindow_ThenTheNextFailureDeletesIt()
    {
        var nhs = await api.RegisteredPersonAsync(1990, "P99003", "F");
        var longAgo = DateTimeOffset.UtcNow.AddDays(-30).UtcTicks;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>();
            db.AuthFailures.Add(new ConsentApi.Identity.AuthFailure { Kind = "register", Subject = "old-" + nhs, Source = "203.0.113.9", FailedTicks = longAgo });
            await db.SaveChangesAsync();
        }

        using var anonymous = api.CreateAnonymousClient();
        using var wrong = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1990-01-01", "late-" + nhs));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM auth_failures WHERE subject = 'old-{nhs}'"));
        Assert.True(await api.CountAsync("SELECT count(*) FROM auth_failures") >= 1);
    }

    [Fact]
    public async Task SignIn_WhenOneAddressGuessesAPasswordFiveTimes_ThenItIsRefusedEvenTheRightOne_AndTheAnswerIsTheSameAsForAnUnknownName()
    {
        await EnsureAppAsync();
        var (_, userName) = await RegisterPatientAsync();
        using var flow = new SignInFlow(api.ServerAddress, App, Redirect);

        var (_, unknownName) = await flow.SignInAsync("nobody-" + Guid.NewGuid().ToString("N"), "not the password at all", "patient/Consent.rs");
        for (var i = 0; i < 5; i++)
        {
            var (_, wrong) = await flow.SignInAsync(userName, "not the password at all", "patient/Consent.rs");
            Assert.Contains(AuthorizeEndpoints.SignInFailed, System.Net.WebUtility.HtmlDecode(wrong), StringComparison.Ordinal);
        }

        var (location, page) = await flow.SignInAsync(userName, Password, "patient/Consent.rs");

        Assert.Contains(AuthorizeEndpoints.SignInFailed, System.Net.WebUtility.HtmlDecode(unknownName), StringComparison.Ordinal);
        Assert.DoesNotContain("code=", location.Query, StringComparison.Ordinal);
        Assert.Contains(AuthorizeEndpoints.SignInFailed, System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain("locked", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WhenTwoFactorIsOn_ThenTheAuthenticatorCodeIsAskedForAndChecked()
    {
        await EnsureAppAsync();
        var (_, userName) = await RegisterPatientAsync();
        using var first = new SignInFlow(api.ServerAddress, App, Redirect);
        using var http = api.CreateClientWithToken((await first.TokenAsync(userName, Password, "patient/Consent.rs")).AccessToken);
        var key = (await (await http.PostAsync("/accounts/me/two-factor/key", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        using var wrongCode = await http.PostAsJsonAsync("/accounts/me/two-factor", new { code = "000000" });
        using var enabled = await http.PostAsJsonAsync("/accounts/me/two-factor", new { code = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);

        using var withoutCode = new SignInFlow(api.ServerAddress, App, Redirect);
        var (stopped, page) = await withoutCode.SignInAsync(userName, Password, "patient/Consent.rs");
        using var badCode = new SignInFlow(api.ServerAddress, App, Redirect);
        var (_, refused) = await badCode.SignInAsync(userName, Password, "patient/Consent.rs", () => "123456" == Totp.Code(key) ? "654321" : "123456");
        using var withCode = new SignInFlow(api.ServerAddress, App, Redirect);
        var token = await withCode.TokenAsync(userName, Password, "patient/Consent.rs", () => Totp.Code(key));

        Assert.Contains("authenticator", page, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", stopped.Query, StringComparison.Ordinal);
        Assert.Contains("not right", refused, StringComparison.Ordinal);
        Assert.Equal("patient/Consent.rs", token.Scope);
    }

    [Fact]
    public async Task Code_WhenVerifierIsWrongOrTheCodeIsReused_ThenInvalidGrant()
    {
        await EnsureAppAsync();
        var (_, userName) = await RegisterPatientAsync();
        using var flow = new SignInFlow(api.ServerAddress, App, Redirect);
        var (location, _) = await flow.SignInAsync(userName, Password, "patient/Consent.rs");
        var code = QueryHelpers.ParseQuery(location.Query)["code"].ToString();

        using var wrongVerifier = await flow.RedeemAsync(code, verifier: new string('a', 43));
        using var reused = await flow.RedeemAsync(code);

        Assert.Equal("xyz", QueryHelpers.ParseQuery(location.Query)["state"].ToString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        Assert.Contains("invalid_grant", await wrongVerifier.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("invalid_grant", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WhenRedirectIsUnregisteredOrPkceMissing_ThenNoCodeIsSentAnywhere()
    {
        await EnsureAppAsync();
        using var flow = new SignInFlow(api.ServerAddress, App, Redirect);

        using var elsewhere = await flow.GetAsync(flow.AuthorizeUrl("patient/Consent.rs", redirect: "https://attacker.example/cb"));
        using var plain = await flow.GetAsync(flow.AuthorizeUrl("patient/Consent.rs", method: "plain"));

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Null(elsewhere.Headers.Location);
        // OpenIddict answers an unsupported PKCE method on its own page, before it has checked where the app may be sent.
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Null(plain.Headers.Location);
        Assert.Contains("code_challenge_method", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WhenStaffSignIn_ThenTheirRolesScopesOnlyAndNeverChangingChoices()
    {
        await EnsureAppAsync();
        var name = "analyst-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await _admin.PostAsJsonAsync("/admin/users", new { userName = name, password = Password, displayName = "An analyst", roles = new[] { "analyst" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var flow = new SignInFlow(api.ServerAddress, App, Redirect);

        var token = await flow.TokenAsync(name, Password, "registry.monitoring registry.admin patient/Consent.cud system/AuditEvent.rs");
        using var http = api.CreateClientWithToken(token.AccessToken);

        Assert.Equal("registry.monitoring system/AuditEvent.rs", token.Scope);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/objections-considered/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendJsonAsync(HttpMethod.Post, "/fhir/Consent", FhirJson.Serialize(new ConsentBuilder().Build()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/admin/clients")).StatusCode);
    }

    private Task EnsureAppAsync() => PersonApps.EnsureAppAsync(_admin);

    private Task<(string NhsNumber, string UserName)> RegisterPatientAsync() => PersonApps.RegisterPatientAsync(api);

    private static PersonApps.RegistrationBody Registration(string nhs, string dateOfBirth, string userName) => PersonApps.Registration(nhs, dateOfBirth, userName);

    private static async Task<string?> RefusalAsync(HttpResponseMessage response) =>
        FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue![0].Diagnostics;
}
