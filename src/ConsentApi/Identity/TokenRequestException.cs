namespace ConsentApi.Identity;

/// <summary>An OAuth 2.0 token endpoint error (RFC 6749 section 5.2): an error code and a description a developer can act on.</summary>
public sealed class TokenRequestException(string error, string description) : Exception(description)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";

    public string Error { get; } = error;
}
