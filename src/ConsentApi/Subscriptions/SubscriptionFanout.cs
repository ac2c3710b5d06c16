using System.Text.Json;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Subscriptions;

/// <summary>
/// Turns new Consent versions into notifications. The Consent log (consent_versions in sequence order) is the source:
/// nothing is added to a write's transaction, so a subscription can never slow or fail a write. A checkpoint row
/// records how far the log has been read; a batch's notifications and the checkpoint's move commit together, and the
/// move is conditional on the checkpoint being where this instance read it, so two instances never queue a change
/// twice. On PostgreSQL a sequence number can commit after a later one: a gap is waited for (GapWaitSeconds) before
/// being taken as a rolled-back write, so a slow commit is never skipped.
/// </summary>
public sealed partial class SubscriptionFanout(IServiceScopeFactory scopes, TimeProvider time, IOptions<SubscriptionOptions> options,
    ILogger<SubscriptionFanout> logger) : IDisposable
{
    private const int Batch = 1000;
    private readonly Dictionary<long, long> gapsSeen = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Reads the log up to its end (or the first gap still being waited for); returns the notifications queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var queued = 0;
            while (await BatchAsync(ct) is { } batch)
            {
                queued += batch.Queued;
                if (batch.Read < Batch)
                {
                    break;
                }
            }

            return queued;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(int Read, int Queued)?> BatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var checkpoint = await db.Database.SqlQuery<long>($"SELECT last_seq AS \"Value\" FROM subscription_fanout WHERE id = 1").SingleAsync(ct);
        var subscriptions = (await db.Subscriptions.AsNoTracking().Where(s => !s.IsDeleted && s.Status != SubscriptionRecord.Off).ToListAsync(ct))
            .Select(s => (Record: s, Criteria: SubscriptionCriteria.Parse(s.Criteria))).ToList();
        if (subscriptions.Count == 0)
        {
            // Nobody is listening: move to the end of the log, so a first subscription never makes it read history.
            var end = await db.ConsentVersions.MaxAsync(v => (long?)v.Seq, ct) ?? 0;
            return end > checkpoint && await MoveAsync(db, checkpoint, end, [], ct) ? (0, 0) : null;
        }

        var from = Math.Max(checkpoint, subscriptions.Min(s => s.Record.StartSeq));
        var rows = await db.ConsentVersions.AsNoTracking().Where(v => v.Seq > from).OrderBy(v => v.Seq).Take(Batch)
            .Select(v => new LogRow(v.Seq, v.ResourceId, v.VersionId, v.IsDeleted, v.Status, v.PatientNhsNumber, v.ResourceJson))
            .ToListAsync(ct);
        var accepted = AcceptedUpToGap(rows, from);
        if (accepted.Count == 0)
        {
            return from > checkpoint && await MoveAsync(db, checkpoint, from, [], ct) ? (0, 0) : null;
        }

        var now = time.GetUtcNow().UtcTicks;
        var notifications = new List<SubscriptionNotification>();
        foreach (var row in accepted)
        {
            var (nhs, status, policies) = row.IsDeleted ? await BeforeDeletionAsync(db, row, ct) : (row.Nhs, row.Status, Policies(row.Json));
            notifications.AddRange(subscriptions
                .Where(s => row.Seq > s.Record.StartSeq && s.Criteria.Matches(nhs, status, policies))
                .Select(s => new SubscriptionNotification
                {
                    SubscriptionId = s.Record.Id,
                    Seq = row.Seq,
                    ResourceId = row.ResourceId,
                    VersionId = row.VersionId,
                    IsDeleted = row.IsDeleted,
                    CreatedTicks = now,
                }));
        }

        return await MoveAsync(db, checkpoint, accepted[^1].Seq, notifications, ct) ? (rows.Count, notifications.Count) : null;
    }

    public void Dispose() => gate.Dispose();

    /// <summary>The rows before the first gap that is still being waited for.</summary>
    private List<LogRow> AcceptedUpToGap(List<LogRow> rows, long from)
    {
        var accepted = new List<LogRow>(rows.Count);
        var expected = from + 1;
        foreach (var filled in gapsSeen.Keys.Where(k => k <= from).ToList())
        {
            gapsSeen.Remove(filled);
        }

        var wait = TimeSpan.FromSeconds(options.Value.GapWaitSeconds);
        foreach (var row in rows)
        {
            for (var missing = expected; missing < row.Seq && missing < expected + 10_000; missing++)
            {
                if (!gapsSeen.TryGetValue(missing, out var first))
                {
                    gapsSeen[missing] = time.GetTimestamp();
                    return accepted;
                }

                if (time.GetElapsedTime(first) < wait)
                {
                    return accepted;
                }
            }

            for (var missing = expected; missing < row.Seq; missing++)
            {
                if (gapsSeen.Remove(missing))
                {
                    LogGapSkipped(logger, missing);
                }
            }

            accepted.Add(row);
            expected = row.Seq + 1;
        }

        return accepted;
    }

    private async Task<bool> MoveAsync(RegistryDbContext db, long from, long to, List<SubscriptionNotification> notifications, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var moved = await db.Database.ExecuteSqlAsync(
            $"UPDATE subscription_fanout SET last_seq = {to}, updated_ticks = {time.GetUtcNow().UtcTicks} WHERE id = 1 AND last_seq = {from}", ct);
        if (moved != 1)
        {
            return false;
        }

        db.SubscriptionNotifications.AddRange(notifications);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A deletion is matched on the version it deleted (the tombstone has no content).</summary>
    private static async Task<(string? Nhs, string? Status, IReadOnlyCollection<string> Policies)> BeforeDeletionAsync(RegistryDbContext db, LogRow row,
        CancellationToken ct)
    {
        var before = await db.ConsentVersions.AsNoTracking().Where(v => v.ResourceId == row.ResourceId && v.VersionId == row.VersionId - 1)
            .Select(v => new { v.PatientNhsNumber, v.Status, v.ResourceJson }).SingleOrDefaultAsync(ct);
        return before is null ? (null, null, []) : (before.PatientNhsNumber, before.Status, Policies(before.ResourceJson));
    }

    private static IReadOnlyCollection<string> Policies(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("policy", out var policies) && policies.ValueKind == JsonValueKind.Array
            ? [.. policies.EnumerateArray().Where(p => p.TryGetProperty("uri", out _)).Select(p => p.GetProperty("uri").GetString()!)]
            : [];
    }

    private sealed record LogRow(long Seq, string ResourceId, int VersionId, bool IsDeleted, string? Status, string? Nhs, string? Json);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent sequence {Seq} never appeared; taken as a rolled-back write")]
    private static partial void LogGapSkipped(ILogger logger, long seq);
}
