using System.Security.Cryptography;
using System.Text;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Identity;

/// <summary>
/// Counts failed sign-ins and registrations in the database (so every node sees them) and says when to refuse more.
/// A refusal is answered exactly like a wrong guess by the caller, so it tells nothing about the subject. Failures
/// older than the longest window are deleted as new ones are recorded: they count for nothing, and the table keeps no
/// longer record of who tried what than the limits need.
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
        var counts = await CountAsync(SignIn, SubjectOf(SignIn, userName), source, Limits.SignInWindowMinutes, ct);
        return counts.FromSource < Limits.SignInPerSource && counts.OfSubjectFromSource < Limits.SignInPerAccountAndSource
            && counts.OfSubject < Limits.SignInPerAccount;
    }

    /// <summary>Whether a registration for <paramref name="nhsNumber"/> from <paramref name="source"/> may be tried now.</summary>
    public async Task<bool> MayRegisterAsync(string nhsNumber, string source, CancellationToken ct)
    {
        var counts = await CountAsync(Registration, SubjectOf(Registration, nhsNumber), source, Limits.RegistrationWindowMinutes, ct);
        return counts.FromSource < Limits.RegistrationPerSource && counts.OfSubject < Limits.RegistrationPerNhsNumber;
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
        var expired = Since(Math.Max(Limits.SignInWindowMinutes, Limits.RegistrationWindowMinutes));
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AuthFailures.Where(f => f.FailedTicks < expired).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Waits before a failed registration's answer.</summary>
    public Task DelayFailureAsync(CancellationToken ct) => Task.Delay(TimeSpan.FromMilliseconds(Limits.FailureDelayMilliseconds), time, ct);

    /// <summary>One query for the three counts a decision needs: from the source, of the subject, of the subject from the source.</summary>
    private async Task<(int FromSource, int OfSubject, int OfSubjectFromSource)> CountAsync(string kind, string subject, string source, int windowMinutes,
        CancellationToken ct)
    {
        var since = Since(windowMinutes);
        var counts = await db.AuthFailures.AsNoTracking()
            .Where(f => f.Kind == kind && f.FailedTicks >= since && (f.Source == source || f.Subject == subject))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                FromSource = g.Count(f => f.Source == source),
                OfSubject = g.Count(f => f.Subject == subject),
                OfSubjectFromSource = g.Count(f => f.Source == source && f.Subject == subject),
            })
            .FirstOrDefaultAsync(ct);
        return counts is null ? (0, 0, 0) : (counts.FromSource, counts.OfSubject, counts.OfSubjectFromSource);
    }

    private long Since(int minutes) => (time.GetUtcNow() - TimeSpan.FromMinutes(minutes)).UtcTicks;

    /// <summary>
    /// What is stored of a subject: the SHA-256 of a user name (lower case, as sign-in is) or an NHS number. Not a secret:
    /// an NHS number's digest can be found by trying every number, which is why rows live no longer than the window.
    /// </summary>
    private static string SubjectOf(string kind, string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind == SignIn ? subject.ToLowerInvariant() : subject)));
}
