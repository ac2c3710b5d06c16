namespace ConsentApi.Identity;

/// <summary>
/// One of the registry's own token-signing keys. The newest signs; older keys keep validating until every token they
/// signed has expired (decision 8). Keys are never changed or deleted.
/// </summary>
public sealed class SigningKey
{
    public required string Kid { get; init; }
    public required string Algorithm { get; init; }

    /// <summary>The private key, PKCS#8: encrypted with ASP.NET Data Protection ("dp1:" + base64), or clear base64 if stored before schema v11.</summary>
    public required string PrivateKey { get; init; }
    public long CreatedTicks { get; init; }
}
