using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ConsentApi.Tests.Identity;

/// <summary>
/// The API trusting an external patient identity provider (as NHS login would be configured), whose signing key is
/// generated here so tests can issue patients' tokens as that provider would.
/// </summary>
public sealed class PatientIssuerApiFactory : SqliteApiFactory
{
    public const string PatientIssuer = "https://login.example.test";
    public const string Audience = "consent-registry";

    /// <summary>The provider's key (set before the host is configured, which happens in the base constructor).</summary>
    public TestClientKey ProviderKey { get; } = TestClientKey.Rsa("login-1", Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256);

    /// <summary>A patient's token from the provider: its usual OpenID scopes, the person's NHS number, five minutes.</summary>
    public string PatientToken(string nhsNumber, TestClientKey? signedWith = null, string audience = Audience) =>
        (signedWith ?? ProviderKey).Token(new Dictionary<string, object>
        {
            ["iss"] = PatientIssuer,
            ["sub"] = "login-" + nhsNumber,
            ["aud"] = audience,
            ["nhs_number"] = nhsNumber,
            ["scope"] = "openid profile",
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:Patients:Issuer", PatientIssuer);
        builder.UseSetting("Auth:Patients:Audience", Audience);
        builder.UseSetting("Auth:Patients:Jwks", ProviderKey.PublicJwks().GetRawText());
    }
}
