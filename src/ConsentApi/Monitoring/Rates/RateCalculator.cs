using System.Data.Common;
using System.Globalization;
using ConsentApi.Decisions;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using FhirAdapters.Primitives;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Counts objectors for a day (a UTC calendar day) from the decision index, as the registry stood at the day's end:
/// people whose Consents changed since the day (or week) began are seen version by version as they stood at each cut;
/// everyone else's choices are the index's. A full run counts every person with a choice; an incremental run starts
/// from the previous day's counts and applies only the changes, so it costs as much as the day's changes.
/// docs/monitoring.md sets out the definitions.
/// </summary>
public sealed class RateCalculator(IServiceScopeFactory scopes, DecisionIndexSync sync, DecisionIndex index, PolicyCatalogue catalogue,
    PopulationAttribution attribution)
{
    private const int HistoryBatch = 500;

    public async Task<RateComputation> ComputeAsync(DateOnly day, RateCells? previousActive, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await sync.CatchUpAsync(ct);
        var applied = index.AppliedSeq;
        var policies = MonitoredPolicy.From(catalogue);
        var start = Ticks(day);
        var end = Ticks(day.AddDays(1));
        var weekStart = day.DayOfWeek == DayOfWeek.Sunday ? Ticks(day.AddDays(-6)) : (long?)null;
        var history = await LoadHistoryAsync(weekStart ?? start, applied, ct);
        var historyTime = watch.Elapsed;
        var changed = history.People.ToHashSet();
        await attribution.RefreshAsync(changed, everyoneInIndex: previousActive is null, ct);
        changed.UnionWith(attribution.MovedWithin(weekStart ?? start, end));
        var attributionTime = watch.Elapsed - historyTime;

        var cells = previousActive?.ActiveOnly() ?? new RateCells(policies.Count);
        var week = weekStart is null ? null : new RateCells(policies.Count);
        foreach (var person in changed)
        {
            var atEnd = history.ChoicesAt(person, end);
            var atStart = history.ChoicesAt(person, start);
            Count(cells, person, day.Year, policies, atStart, start, atEnd, end, previousActive is not null);
            if (week is not null)
            {
                Count(week, person, day.Year, policies, history.ChoicesAt(person, weekStart!.Value), weekStart.Value, atEnd, end, false);
            }
        }

        if (previousActive is null)
        {
            CountEveryone(cells, changed, history, day.Year, policies, end);
        }

        return new RateComputation(day, cells, week, applied, changed.Count, previousActive is null)
        {
            Timings = (historyTime, attributionTime, watch.Elapsed - historyTime - attributionTime),
        };
    }

    public static long Ticks(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;

    /// <summary>One changed person's new objections and withdrawals between two cuts (and, incrementally, the move of their active count).</summary>
    private void Count(RateCells cells, long person, int year, IReadOnlyList<MonitoredPolicy> policies, List<Choice> before, long beforeTicks,
        List<Choice> after, long afterTicks, bool carryActive)
    {
        var known = attribution.TryGet(person, out var registrations);
        foreach (var policy in policies)
        {
            var was = Objects(before, policy, beforeTicks);
            var now = Objects(after, policy, afterTicks);
            if (was != now)
            {
                Add(cells, now ? RateCells.New : RateCells.Withdrawn, known, registrations, now ? afterTicks : beforeTicks, policy, year, 1);
            }

            if (carryActive && was)
            {
                Add(cells, RateCells.Active, known, registrations, beforeTicks, policy, year, -1);
            }

            if (carryActive && now)
            {
                Add(cells, RateCells.Active, known, registrations, afterTicks, policy, year, 1);
            }
        }
    }

    /// <summary>Active objectors at <paramref name="end"/> for everyone with a choice: the index for the unchanged, the history for the changed.</summary>
    private void CountEveryone(RateCells cells, HashSet<long> changed, ChoiceHistory history, int year, IReadOnlyList<MonitoredPolicy> policies, long end)
    {
        foreach (var person in changed)
        {
            var choices = history.ChoicesAt(person, end);
            var known = attribution.TryGet(person, out var registrations);
            foreach (var policy in policies.Where(p => Objects(choices, p, end)))
            {
                Add(cells, RateCells.Active, known, registrations, end, policy, year, 1);
            }
        }

        foreach (var (person, choices) in index.People())
        {
            if (changed.Contains(person))
            {
                continue;
            }

            var known = attribution.TryGet(person, out var registrations);
            foreach (var policy in policies)
            {
                if (Objects(choices, policy, end))
                {
                    Add(cells, RateCells.Active, known, registrations, end, policy, year, 1);
                }
            }
        }
    }

    private static void Add(RateCells cells, int measure, bool known, PersonRegistrations registrations, long at, MonitoredPolicy policy, int year, int by)
    {
        if (!known)
        {
            cells.AddUnattributed(measure, policy.Number, by);
            return;
        }

        // Cuts are midnights and a day ends just before its cut: a registration effective from a date counts from that
        // date, not on the eve (when the old practice's list size still applies).
        var registration = registrations.At(at - 1);
        if (registration.Practice < 0)
        {
            // Died or removed from the list by then: counted at no practice (and not as unattributed: where they are is known).
            return;
        }

        cells.Add(measure, registration.Practice, policy.Number, registration.Female, RateCells.Band(year, registration.BirthYear), by);
    }

    /// <summary>Whether the most recent choice under the policy that speaks to its purpose, at the moment, is a deny.</summary>
    public static bool Objects(List<Choice> choices, MonitoredPolicy policy, long at) => Objects(PatientChoices.Of(choices), policy, at);

    public static bool Objects(PatientChoices choices, MonitoredPolicy policy, long at)
    {
        Choice? best = null;
        var deny = false;
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            if (choice.PolicyIndex == policy.Index && choice.Rule.Decide(policy.ProbeSystem, policy.ProbeCode, string.Empty, at) is { } says
                && (best is not { } current || choice.IsNewerThan(current)))
            {
                best = choice;
                deny = says;
            }
        }

        return deny;
    }

    private async Task<ChoiceHistory> LoadHistoryAsync(long fromTicks, long applied, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var rows = await ReadVersionsAsync(db.Database.GetDbConnection(), fromTicks, applied, ct);
            var versions = new ChoiceHistory.Version[rows.Count];
            Parallel.For(0, rows.Count, i =>
            {
                var r = rows[i];
                versions[i] = new ChoiceHistory.Version(r.ResourceId, r.LastUpdatedTicks,
                    r.Patient is not null && NhsNumber.TryParse(r.Patient, out var nhs) ? nhs : null,
                    r.IsDeleted || r.Status != "active" ? null : sync.Compile(r.ResourceId, r.VersionId, r.LastUpdatedTicks, r.Json)?.Choice);
            });
            return new ChoiceHistory(index, versions);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record VersionRow(string ResourceId, int VersionId, bool IsDeleted, string? Status, string? Patient, long LastUpdatedTicks, string? Json,
        long Seq);

    /// <summary>
    /// Every version of the Consents written since <paramref name="fromTicks"/>, in sequence order, up to the index's
    /// point. Two steps, each on its own index (which Consents, by last_updated; then their versions, by resource id),
    /// as plain commands: as one IN-subquery, or with EF's translation of a list parameter, SQLite walked the table.
    /// </summary>
    private static async Task<List<VersionRow>> ReadVersionsAsync(DbConnection connection, long fromTicks, long applied, CancellationToken ct)
    {
        // No "seq <= applied" in the SQL: seq is SQLite's rowid, and a range on it looked cheaper to the planner than
        // the last_updated index, so it walked the whole table. Versions past the index's point are dropped here instead.
        var touched = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = DbCommands.Create(connection, null,
            "SELECT resource_id, seq FROM consent_versions WHERE last_updated_ticks >= @p0", 1))
        {
            command.Parameters[0].Value = fromTicks;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetInt64(1) <= applied)
                {
                    touched.Add(reader.GetString(0));
                }
            }
        }

        var rows = new List<VersionRow>(touched.Count);
        foreach (var batch in touched.Chunk(HistoryBatch))
        {
            var names = string.Join(", ", batch.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
            await using var command = DbCommands.Create(connection, null,
                "SELECT resource_id, version_id, is_deleted, status, patient_nhs_number, last_updated_ticks, resource_json, seq FROM consent_versions "
                + $"WHERE resource_id IN ({names})", batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                command.Parameters[i].Value = batch[i];
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetInt64(7) > applied)
                {
                    continue;
                }

                rows.Add(new VersionRow(reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt64(7)));
            }
        }

        rows.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return rows;
    }
}
