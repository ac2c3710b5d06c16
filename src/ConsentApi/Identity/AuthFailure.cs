namespace ConsentApi.Identity;

/// <summary>A failed sign-in or registration: what was tried (as a digest), from where, and when; kept for the longest limit window only.</summary>
public sealed class AuthFailure
{
    public long Id { get; set; }

    /// <summary><see cref="AttemptThrottle.SignIn"/> or <see cref="AttemptThrottle.Registration"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>SHA-256 of the user name (lower case) or NHS number tried: not in clear, though a digest of an NHS number can be found by trial.</summary>
    public required string Subject { get; set; }

    /// <summary>The client's address as the registry sees it.</summary>
    public required string Source { get; set; }

    public long FailedTicks { get; set; }
}
