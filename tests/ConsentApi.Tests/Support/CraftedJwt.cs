using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ConsentApi.Tests.Support;

/// <summary>Hand-made JWTs of the kinds attackers send: unsigned, HMAC-signed with a public key, or edited after signing.</summary>
public static class CraftedJwt
{
    public static string Unsigned(JsonObject payload) =>
        $"{Part(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" })}.{Part(payload)}.";

    /// <summary>Signed with HS256 using the given bytes (for example a public key) as the shared secret.</summary>
    public static string Hs256(JsonObject payload, byte[] secret, string? kid = null)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var signingInput = $"{Part(header)}.{Part(payload)}";
        return $"{signingInput}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)))}";
    }

    /// <summary>The token's payload changed, its header and signature kept.</summary>
    public static string Tamper(string token, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        change(payload);
        return $"{parts[0]}.{Part(payload)}.{parts[2]}";
    }

    public static JsonObject Payload(string token) => JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();

    public static JsonObject Header(string token) => JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]))!.AsObject();

    private static string Part(JsonObject json) => Base64UrlEncoder.Encode(json.ToJsonString());
}
