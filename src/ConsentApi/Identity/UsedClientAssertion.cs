namespace ConsentApi.Identity;

/// <summary>A client assertion's <c>jti</c>, kept until the assertion expires so that it can never be used twice.</summary>
public sealed class UsedClientAssertion
{
    public required string ClientId { get; init; }
    public required string Jti { get; init; }
    public long ExpiresTicks { get; init; }
}
