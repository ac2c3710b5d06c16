namespace ConsentApi.Identity;

/// <summary>A failed sign-in or registration: what was tried (as a keyed digest), from where, and when.</summary>
public sealed class AuthFailure
{
    public long Id { get; set; }

    /// <summary><see cref="AttemptThrottle.SignIn"/> or <see cref="AttemptThrottle.Registration"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>SHA-256 of the user name (lower case) or NHS number tried: no identifier in clear.</summary>
    public required string Subject { get; set; }

    /// <summary>The client's address as the registry sees it.</summary>
    public required string Source { get; set; }

    public long FailedTicks { get; set; }
}
