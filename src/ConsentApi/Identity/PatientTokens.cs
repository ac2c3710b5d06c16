using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Identity;

/// <summary>
/// Bearer authentication for patients' tokens from the external issuer: which scheme a token belongs to (by its
/// <c>iss</c>), how it is validated, and the claims the registry adds (actor type, default patient scopes).
/// </summary>
public static class PatientTokens
{
    public const string Scheme = "patient-oidc";
    public const string Selector = "bearer";

    /// <summary>Only reads a token's header and payload (to route it by issuer); validation is the scheme's.</summary>
    private static readonly JsonWebTokenHandler Reader = new();

    private static readonly HashSet<string> ReservedClaims =
        [IdentityClaims.ActorType, IdentityClaims.ClientId, IdentityClaims.Organisation, IdentityClaims.ActsFor];

    /// <summary>The scheme for this request: the patient issuer's if the token says it came from there, else the registry's.</summary>
    public static string SchemeFor(HttpContext context, PatientIssuerOptions patients)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (patients.Enabled && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            if (Reader.CanReadToken(token) && Reader.ReadJsonWebToken(token).Issuer == patients.Issuer)
            {
                return Scheme;
            }
        }

        return JwtBearerDefaults.AuthenticationScheme;
    }

    public static void Configure(JwtBearerOptions jwt, PatientIssuerOptions patients, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = patients.Issuer?.StartsWith("https://", StringComparison.Ordinal) == true;
        if (string.IsNullOrWhiteSpace(patients.Jwks))
        {
            jwt.Authority = patients.Issuer;
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = patients.Issuer,
            ValidAudience = patients.Audience,
            ValidateAudience = !string.IsNullOrWhiteSpace(patients.Audience),
            IssuerSigningKeys = string.IsNullOrWhiteSpace(patients.Jwks) ? null : new JsonWebKeySet(patients.Jwks).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSsaPssSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
            NameClaimType = "sub",
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var nhs = principal.FindFirst(IdentityClaims.NhsNumber)?.Value;
                if (nhs is null || !FhirAdapters.Primitives.NhsNumber.TryParse(nhs, out _))
                {
                    context.Fail("The patient token has no valid nhs_number claim.");
                    return Task.CompletedTask;
                }

                // Claims the registry itself decides (who is acting and for whom) never come from the provider's token.
                var identity = (ClaimsIdentity)principal.Identity!;
                foreach (var reserved in identity.Claims.Where(c => ReservedClaims.Contains(c.Type)).ToList())
                {
                    identity.RemoveClaim(reserved);
                }

                var scopes = ScopeHandler.TokenScopes(principal).Where(s => s.StartsWith("patient/", StringComparison.Ordinal)).ToList();
                var added = new ClaimsIdentity();
                added.AddClaim(new Claim(IdentityClaims.ActorType, IdentityClaims.PatientActor));
                if (scopes.Count == 0)
                {
                    // The issuer's own scopes (openid, profile...) say nothing about Consents: patients get the defaults.
                    foreach (var claim in principal.FindAll(IdentityClaims.Scope).ToList())
                    {
                        identity.RemoveClaim(claim);
                    }

                    added.AddClaim(new Claim(IdentityClaims.Scope, patients.DefaultScopes));
                }

                principal.AddIdentity(added);
                return Task.CompletedTask;
            },
            OnChallenge = AccessDeniedResults.ChallengeAsync,
        };
    }
}
