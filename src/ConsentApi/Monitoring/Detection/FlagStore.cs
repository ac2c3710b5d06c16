using System.Text.Json;
using ConsentApi.Monitoring.Investigations;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Stores findings as flags, once each (a finding already flagged for the same method, policy, area and period is
/// skipped, so re-running detection adds nothing), grouped into episodes by <see cref="FlagGrouping"/>: a finding
/// inside an area flagged the same week joins the area's flag, and a finding for a unit and direction whose
/// investigation is still open (not explained or dismissed) joins that episode as a later week. A flag that opens
/// an episode gets its open investigation and, when a webhook is configured, a delivery in the outbox, all in the
/// same transaction.
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

        var placements = FlagGrouping.Place(fresh, await OpenEpisodesAsync(fresh.Select(f => f.Area).Distinct().ToList(), ct));
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        // The flags that open episodes are saved first (one statement batch) to have their ids; the rest join them.
        var opened = placements.Where(p => p.Leader is null && p.Episode is null).ToDictionary<FlagPlacement, Finding, MonitoringFlag>(p => p.Finding, p => MonitoringFlag.From(p.Finding, runId, now),
            ReferenceEqualityComparer.Instance);
        db.MonitoringFlags.AddRange(opened.Values);
        await db.SaveChangesAsync(ct);
        db.MonitoringFlags.AddRange(placements.Where(p => p.Leader is not null || p.Episode is not null)
            .Select(p => MonitoringFlag.From(p.Finding, runId, now, p.Episode ?? opened[p.Leader!].Id)));
        await db.SaveChangesAsync(ct);
        var url = options.Value.WebhookUrl;
        foreach (var flag in opened.Values)
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

    /// <summary>The open episodes in these areas: (policy, level, area, direction) → the flag that opened it (the latest, if several).</summary>
    private async Task<Dictionary<(string Policy, string Level, string Area, string Direction), long>> OpenEpisodesAsync(List<string> areas, CancellationToken ct)
    {
        var open = await db.MonitoringFlags.AsNoTracking().Where(f => f.EpisodeFlagId == null && areas.Contains(f.AreaCode))
            .Join(InvestigationQueries.Current(db), f => f.Id, v => v.FlagId, (f, v) => new { f.Id, f.Policy, f.Level, f.AreaCode, f.Direction, v.Status })
            .Where(x => x.Status != InvestigationStatus.Explained && x.Status != InvestigationStatus.Dismissed)
            .ToListAsync(ct);
        return open.GroupBy(x => (x.Policy, x.Level, x.AreaCode, x.Direction)).ToDictionary(g => g.Key, g => g.Max(x => x.Id));
    }
}
