using System.Security.Cryptography;
using System.Text;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Identity;

/// <summary>
/// Counts failed sign-ins and registrations in the database (so every node sees them) and says when to refuse more.
/// A refusal is answered exactly like a wrong guess by the caller, so it tells nothing about the subject.
/// </summary>
public sealed class AttemptThrottle(RegistryDbContext db, TimeProvider time, IOptions<AuthOptions> options)
{
    public const string SignIn = "sign-in";
    public const string Registration = "register";

    private AttemptLimits Limits => options.Value.Attempts;

    /// <summary>The caller's address as a source of attempts.</summary>
    public static string SourceOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whether a sign-in to <paramref name="userName"/> from <paramref name="source"/> may be tried now.</summary>
    public async Task<bool> MaySignInAsync(string userName, string source, CancellationToken ct)
    {
        var since = Since(Limits.SignInWindowMinutes);
        var subject = SubjectOf(SignIn, userName);
        var failures = db.AuthFailures.AsNoTracking().Where(f => f.Kind == SignIn && f.FailedTicks >= since);
        return await failures.CountAsync(f => f.Source == source, ct) < Limits.SignInPerSource
            && await failures.CountAsync(f => f.Subject == subject && f.Source == source, ct) < Limits.SignInPerAccountAndSource
            && await failures.CountAsync(f => f.Subject == subject, ct) < Limits.SignInPerAccount;
    }

    /// <summary>Whether a registration for <paramref name="nhsNumber"/> from <paramref name="source"/> may be tried now.</summary>
    public async Task<bool> MayRegisterAsync(string nhsNumber, string source, CancellationToken ct)
    {
        var since = Since(Limits.RegistrationWindowMinutes);
        var subject = SubjectOf(Registration, nhsNumber);
        var failures = db.AuthFailures.AsNoTracking().Where(f => f.Kind == Registration && f.FailedTicks >= since);
        return await failures.CountAsync(f => f.Source == source, ct) < Limits.RegistrationPerSource
            && await failures.CountAsync(f => f.Subject == subject, ct) < Limits.RegistrationPerNhsNumber;
    }

    public async Task RecordFailureAsync(string kind, string subject, string source, CancellationToken ct)
    {
        db.AuthFailures.Add(new AuthFailure
        {
            Kind = kind,
            Subject = SubjectOf(kind, subject),
            Source = source.Length > 64 ? source[..64] : source,
            FailedTicks = time.GetUtcNow().UtcTicks,
        });
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Waits before a failed registration's answer.</summary>
    public Task DelayFailureAsync(CancellationToken ct) => Task.Delay(TimeSpan.FromMilliseconds(Limits.FailureDelayMilliseconds), time, ct);

    private long Since(int minutes) => (time.GetUtcNow() - TimeSpan.FromMinutes(minutes)).UtcTicks;

    /// <summary>What is stored of a subject: the digest of a user name (case-insensitive, as sign-in is) or an NHS number.</summary>
    private static string SubjectOf(string kind, string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind == SignIn ? subject.ToLowerInvariant() : subject)));
}
