using ConsentApi.Identity;

namespace ConsentApi.Tests.Support;

/// <summary>Token requests as a client system sends them (form-encoded, client_credentials with a JWT assertion).</summary>
public static class TokenRequests
{
    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient http, string assertion, string scope,
        string grantType = "client_credentials", string assertionType = TokenEndpoints.AssertionType) =>
        http.PostAsync(TokenEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_assertion_type"] = assertionType,
            ["client_assertion"] = assertion,
            ["scope"] = scope,
        }));

    public static string TokenEndpoint(this HttpClient http) => new Uri(http.BaseAddress!, TokenEndpoints.Path).ToString();
}
