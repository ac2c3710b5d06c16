using System.Text.Json;
using ConsentApi.Monitoring.Investigations;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Stores findings as flags, once each (a finding already flagged for the same method, policy, area and period is
/// skipped, so re-running detection adds nothing). Each new flag gets its open investigation and, when a webhook is
/// configured, a delivery in the outbox, all in the same transaction.
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
        var fresh = findings.Where(f => existing.Add((f.Method, f.Policy, f.Level, f.Area, f.Period))).Select(f => MonitoringFlag.From(f, runId, now)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        db.MonitoringFlags.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        var url = options.Value.WebhookUrl;
        foreach (var flag in fresh)
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
}
