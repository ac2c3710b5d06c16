using System.Net;
using System.Net.Http.Json;
using System.Text;
using ConsentApi.Audit;
using ConsentApi.Identity;
using ConsentApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// SMART Backend Services end to end: a client registers its public key, signs an assertion, gets a token and uses
/// it; and every way of getting a token without the right key, or of using one that is not genuine, is refused.
/// </summary>
public abstract class TokenEndpointTests(ApiFactory api)
{
    private readonly HttpClient _admin = api.CreateClient();
    private readonly HttpClient _anonymous = api.CreateAnonymousClient();

    [Fact]
    public async Task IssueToken_WhenRs384AssertionIsValid_ThenTokenCarriesGrantedScopesAndOrganisation()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs registry.decisions", ods: "M85001");

        using var response = await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint()), "system/Consent.rs registry.decisions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.Equal("bearer", token.TokenType, ignoreCase: true); // RFC 6749 7.1: the type is case-insensitive
        Assert.Equal("system/Consent.rs registry.decisions", token.Scope);
        Assert.InRange(token.ExpiresIn, 60, 3600);
        var claims = CraftedJwt.Payload(token.AccessToken);
        Assert.Equal(client, (string?)claims["client_id"]);
        Assert.Equal("M85001", (string?)claims["ods"]);
        Assert.Equal(api.Issuer, (string?)claims["iss"]);
        Assert.Equal("RS256", (string?)CraftedJwt.Header(token.AccessToken)["alg"]);
        Assert.Equal(0, await api.CountAsync("SELECT count(*) FROM oidc_tokens")); // access tokens leave no entry (decision 18)
    }

    [Fact]
    public async Task IssueToken_WhenEs384AssertionIsValid_ThenTokenWorksAndTheAuditNamesTheClientAndOrganisation()
    {
        using var key = TestClientKey.Ec();
        var client = await RegisterAsync(key, "registry.decisions", ods: "Y02002");
        var token = await api.TokenAsync(client, key, "registry.decisions");
        using var http = api.CreateClientWithToken(token);

        using var evaluated = await http.GetAsync("/fhir/Consent/$evaluate?patient=9434765919&purpose=HRESCH&actor=RR8");

        Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
        await api.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        using var audit = await _admin.GetAsync("/fhir/AuditEvent?patient=9434765919&_count=50");
        var body = await audit.Content.ReadAsStringAsync();
        Assert.Contains(client, body, StringComparison.Ordinal);
        Assert.Contains("Y02002", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueToken_WhenScopeAskedForIsNotAllowed_ThenOnlyAllowedScopesAreGranted()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");

        using var widened = await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint()), "system/Consent.rs system/Consent.cud registry.admin");
        using var onlyForbidden = await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint()), "registry.admin system/*.cruds");

        Assert.Equal("system/Consent.rs", (await widened.Content.ReadFromJsonAsync<TokenResponse>())!.Scope);
        await AssertTokenErrorAsync(onlyForbidden, "invalid_scope", "registry.admin");
    }

    [Fact]
    public async Task IssueToken_WhenV1ScopeIsAsked_ThenItIsGrantedUnderTheV2Permission()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");

        using var response = await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint()), "system/Consent.read");
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        using var http = api.CreateClientWithToken(token.AccessToken);

        Assert.Equal("system/Consent.read", token.Scope);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/fhir/Consent?_count=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendJsonAsync(HttpMethod.Post, "/fhir/Consent", "{}")).StatusCode);
    }

    [Fact]
    public async Task IssueToken_WhenAssertionIsUnsigned_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var unsigned = CraftedJwt.Unsigned(CraftedJwt.Payload(key.Assertion(client, _anonymous.TokenEndpoint())));

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(unsigned, "system/Consent.rs"), "invalid_client", "none");
    }

    [Fact]
    public async Task IssueToken_WhenSignedWithAnotherKey_ThenInvalidClient()
    {
        using var registered = TestClientKey.Rsa("same-kid");
        using var other = TestClientKey.Rsa("same-kid");
        var client = await RegisterAsync(registered, "system/Consent.rs");

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(other.Assertion(client, _anonymous.TokenEndpoint()), "system/Consent.rs"),
            "invalid_client", "signature");
    }

    [Fact]
    public async Task IssueToken_WhenHs256IsSignedWithThePublicKey_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var jwks = key.PublicJwks().GetRawText();
        var payload = CraftedJwt.Payload(key.Assertion(client, _anonymous.TokenEndpoint()));

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(CraftedJwt.Hs256(payload, Encoding.UTF8.GetBytes(jwks), key.KeyId), "system/Consent.rs"),
            "invalid_client", "HS256");
    }

    [Fact]
    public async Task IssueToken_WhenAssertionPayloadIsTampered_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var tampered = CraftedJwt.Tamper(key.Assertion(client, _anonymous.TokenEndpoint()), p => p["jti"] = "chosen-by-attacker");

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(tampered, "system/Consent.rs"), "invalid_client", "signature");
    }

    [Fact]
    public async Task IssueToken_WhenAssertionHasExpired_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var expired = key.Assertion(client, _anonymous.TokenEndpoint(), expires: DateTimeOffset.UtcNow.AddMinutes(-2));

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(expired, "system/Consent.rs"), "invalid_client", "expired");
    }

    [Fact]
    public async Task IssueToken_WhenAssertionExpiresMoreThanFiveMinutesAhead_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var longLived = key.Assertion(client, _anonymous.TokenEndpoint(), expires: DateTimeOffset.UtcNow.AddMinutes(30));

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(longLived, "system/Consent.rs"), "invalid_client", "five minutes");
    }

    [Fact]
    public async Task IssueToken_WhenAssertionIsNotYetValid_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var early = key.Assertion(client, _anonymous.TokenEndpoint(), notBefore: DateTimeOffset.UtcNow.AddMinutes(3));

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(early, "system/Consent.rs"), "invalid_client", "not valid before");
    }

    [Fact]
    public async Task IssueToken_WhenAudienceIsNotTheTokenEndpoint_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(key.Assertion(client, "https://other.example/token"), "system/Consent.rs"),
            "invalid_client", "'aud'");
    }

    [Fact]
    public async Task IssueToken_WhenJtiIsReplayed_ThenSecondRequestIsInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var assertion = key.Assertion(client, _anonymous.TokenEndpoint(), jti: "once-only");

        using var first = await _anonymous.RequestTokenAsync(assertion, "system/Consent.rs");
        using var replay = await _anonymous.RequestTokenAsync(assertion, "system/Consent.rs");
        using var sameJtiNewAssertion = await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint(), jti: "once-only"), "system/Consent.rs");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertTokenErrorAsync(replay, "invalid_client", "used before");
        await AssertTokenErrorAsync(sameJtiNewAssertion, "invalid_client", "used before");
    }

    [Fact]
    public async Task IssueToken_WhenIssuerAndSubjectDiffer_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint(), subject: "someone-else"), "system/Consent.rs"),
            "invalid_client", "'sub'");
    }

    [Fact]
    public async Task IssueToken_WhenClientIsDisabled_ThenRefusedAndItsExistingTokensStopWorking()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var token = await api.TokenAsync(client, key, "system/Consent.rs");
        using var http = api.CreateClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/fhir/Consent?_count=1")).StatusCode);

        using var disabled = await _admin.PostAsync($"/admin/clients/{client}/disable", null);
        using var refused = await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint()), "system/Consent.rs");
        using var withOldToken = await http.GetAsync("/fhir/Consent?_count=1");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        await AssertTokenErrorAsync(refused, "invalid_client", "disabled");
        Assert.Equal(HttpStatusCode.Unauthorized, withOldToken.StatusCode);
        Assert.Contains("disabled", (await withOldToken.OutcomeAsync()).Issue![0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueToken_WhenClientIsUnknown_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(key.Assertion("nobody-registered", _anonymous.TokenEndpoint()), "system/Consent.rs"),
            "invalid_client", "No client");
    }

    [Theory]
    [InlineData("password", TokenEndpoints.AssertionType, "unsupported_grant_type")]
    [InlineData("client_credentials", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer", "invalid_request")]
    public async Task IssueToken_WhenGrantOrAssertionTypeIsWrong_ThenOAuthError(string grantType, string assertionType, string error)
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint()), "system/Consent.rs", grantType, assertionType),
            error, "");
    }

    [Fact]
    public async Task IssueToken_WhenIatIsInTheFuture_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(
            key.Assertion(client, _anonymous.TokenEndpoint(), issuedAt: DateTimeOffset.UtcNow.AddMinutes(3)), "system/Consent.rs"), "invalid_client", "'iat'");
    }

    [Fact]
    public async Task IssueToken_WhenTheHeaderNamesACriticalExtension_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var header = new Dictionary<string, object> { ["crit"] = new[] { "exp-ext" }, ["exp-ext"] = true };

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint(), header: header), "system/Consent.rs"),
            "invalid_client", "'crit'");
    }

    [Fact]
    public async Task IssueToken_WhenAudIsTheTokenUrlWithATrailingSlash_ThenInvalidClient()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");

        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync(key.Assertion(client, _anonymous.TokenEndpoint() + "/"), "system/Consent.rs"),
            "invalid_client", "'aud'");
    }

    [Theory]
    [InlineData("grant_type=client_credentials&grant_type=client_credentials", "more than once")]
    [InlineData("GRANT_TYPE=client_credentials", "case-sensitive")]
    [InlineData("grant_type=client_credentials&Scope=system/Consent.rs", "case-sensitive")]
    public async Task IssueToken_WhenAParameterIsRepeatedOrNamedInAnotherCase_ThenInvalidRequest(string form, string problem)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");

        await AssertTokenErrorAsync(await _anonymous.PostAsync(TokenEndpoints.Path, content), "invalid_request", problem);
    }

    [Fact]
    public async Task IssueToken_WhenTheBodyIsMultipartOrTruncated_ThenInvalidRequestAndNeverAFault()
    {
        using var truncated = new StringContent("--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_cre", Encoding.UTF8);
        truncated.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        await AssertTokenErrorAsync(await _anonymous.PostAsync(TokenEndpoints.Path, truncated), "invalid_request", "x-www-form-urlencoded");
    }

    [Fact]
    public async Task IssueToken_WhenACredentialArrivesWhereItDoesNotBelong_ThenNoLogLineCarriesIt()
    {
        using var key = TestClientKey.Rsa();
        var client = await RegisterAsync(key, "system/Consent.rs");
        var assertion = key.Assertion(client, _anonymous.TokenEndpoint());
        var signature = assertion.Split('.')[2];

        using var asGrantType = await _anonymous.RequestTokenAsync(assertion, "system/Consent.rs", grantType: assertion);
        using var asClientId = await _anonymous.PostAsync(TokenEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = TokenEndpoints.AssertionType,
            ["client_assertion"] = "not-a-jwt",
            ["scope"] = assertion,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, asGrantType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asClientId.StatusCode);
        Assert.Contains(api.Logs.Lines, l => l.Contains("Refused a token request", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, l => l.Contains(signature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IssueToken_WhenAssertionIsNotAJwt_ThenInvalidRequest() =>
        await AssertTokenErrorAsync(await _anonymous.RequestTokenAsync("not-a-jwt", "system/Consent.rs"), "invalid_request", "not a JWT");

    [Fact]
    public async Task Introspect_WhenAnotherClientOrNobodyAsksAboutAToken_ThenTheyLearnNothingAboutIt()
    {
        using var ownerKey = TestClientKey.Rsa();
        using var otherKey = TestClientKey.Rsa();
        var owner = await RegisterAsync(ownerKey, "system/Consent.rs");
        var other = await RegisterAsync(otherKey, "system/Consent.rs");
        using var issued = await _anonymous.RequestTokenAsync(ownerKey.Assertion(owner, _anonymous.TokenEndpoint()), "system/Consent.rs");
        var token = (await issued.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;

        var byOwner = await IntrospectAsync(token, ownerKey.Assertion(owner, _anonymous.TokenEndpoint()));
        var byOther = await IntrospectAsync(token, otherKey.Assertion(other, _anonymous.TokenEndpoint()));
        using var anonymous = await _anonymous.PostAsync("/auth/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));

        Assert.True(byOwner.GetProperty("active").GetBoolean(), byOwner.ToString());
        Assert.Equal("""{"active":false}""", System.Text.Json.JsonSerializer.Serialize(byOther));
        Assert.False(anonymous.IsSuccessStatusCode);
        Assert.DoesNotContain(owner, await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.JsonElement> IntrospectAsync(string token, string assertion)
    {
        using var response = await _anonymous.PostAsync("/auth/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_assertion_type"] = TokenEndpoints.AssertionType,
            ["client_assertion"] = assertion,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    private Task<string> RegisterAsync(TestClientKey key, string scopes, string ods = "A81001") => _admin.RegisterClientAsync(key, scopes, ods);

    private static async Task AssertTokenErrorAsync(HttpResponseMessage response, string error, string descriptionPart)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<TokenErrorResponse>())!;
        Assert.Equal(error, body.Error);
        Assert.Contains(descriptionPart, body.ErrorDescription, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body.ErrorDescription, StringComparison.Ordinal);
    }
}
