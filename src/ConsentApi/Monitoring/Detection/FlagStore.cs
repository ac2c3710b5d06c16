using System.Text.Json;
using ConsentApi.Monitoring.Investigations;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Stores findings as flags, once each (a finding already flagged for the same method, policy, area and period is
/// skipped, so re-running detection adds nothing). A finding for the same method, policy, area and direction as a
/// flag whose investigation is still open (not explained or dismissed) joins that flag's episode as a later week:
/// staff keep working one investigation while the condition lasts. A flag that opens an episode gets its open
/// investigation and, when a webhook is configured, a delivery in the outbox, all in the same transaction.
/// </summary>
public sealed class FlagStore(RegistryDbContext db, TimeProvider time, IOptions<MonitoringOptions> options)
{
    public async Task<int> AddAsync(IReadOnlyList<Finding> findings, long runId, CancellationToken ct)
    {
        if (findings.Count == 0)
        {
            return 0;
        }

        var periods = findings.Select(f => f.Period).Distinct().ToList();
        var existing = (await db.MonitoringFlags.AsNoTracking().Where(f => periods.Contains(f.Period))
            .Select(f => new { f.Method, f.Policy, f.Level, f.AreaCode, f.Period }).ToListAsync(ct))
            .Select(f => (f.Method, f.Policy, f.Level, f.AreaCode, f.Period)).ToHashSet();
        var now = time.GetUtcNow().UtcTicks;
        var fresh = findings.Where(f => existing.Add((f.Method, f.Policy, f.Level, f.Area, f.Period))).OrderBy(f => f.Period, StringComparer.Ordinal).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var episodes = await OpenEpisodesAsync(fresh.Select(f => f.Area).Distinct().ToList(), ct);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        // Findings with no open episode open one (the first of each key in this batch); the rest join the episode of
        // their key, so the openers are saved first (one statement batch) to have their ids.
        var opening = fresh.Where(f => !episodes.ContainsKey(Key(f))).DistinctBy(Key).ToList();
        var opened = opening.Select(f => MonitoringFlag.From(f, runId, now)).ToList();
        db.MonitoringFlags.AddRange(opened);
        await db.SaveChangesAsync(ct);
        foreach (var (finding, flag) in opening.Zip(opened))
        {
            episodes[Key(finding)] = flag.Id;
        }

        var joining = fresh.Except(opening).ToList();
        db.MonitoringFlags.AddRange(joining.Select(f => MonitoringFlag.From(f, runId, now, episodes[Key(f)])));
        await db.SaveChangesAsync(ct);
        var url = options.Value.WebhookUrl;
        foreach (var flag in opened)
        {
            db.InvestigationVersions.Add(new InvestigationVersion
            {
                FlagId = flag.Id,
                Version = 1,
                Status = InvestigationStatus.Open,
                ChangedBy = $"detection run {runId}",
                ChangedTicks = now,
            });
            if (!string.IsNullOrEmpty(url))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    FlagId = flag.Id,
                    Url = url,
                    Payload = JsonSerializer.Serialize(FlagView.From(flag, null), MonitoringJson.Options),
                    CreatedTicks = now,
                    NextAttemptTicks = now,
                });
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return fresh.Count;
    }

    private static (string, string, string, string, string) Key(Finding f) => (f.Method, f.Policy, f.Level, f.Area, f.Up ? "up" : "down");

    /// <summary>The open episodes in these areas: (method, policy, level, area, direction) → the flag that opened it (the latest, if several).</summary>
    private async Task<Dictionary<(string, string, string, string, string), long>> OpenEpisodesAsync(List<string> areas, CancellationToken ct)
    {
        var open = await db.MonitoringFlags.AsNoTracking().Where(f => f.EpisodeFlagId == null && areas.Contains(f.AreaCode))
            .Join(InvestigationQueries.Current(db), f => f.Id, v => v.FlagId, (f, v) => new { f.Id, f.Method, f.Policy, f.Level, f.AreaCode, f.Direction, v.Status })
            .Where(x => x.Status != InvestigationStatus.Explained && x.Status != InvestigationStatus.Dismissed)
            .ToListAsync(ct);
        return open.GroupBy(x => (x.Method, x.Policy, x.Level, x.AreaCode, x.Direction)).ToDictionary(g => g.Key, g => g.Max(x => x.Id));
    }
}
