namespace ConsentApi.Monitoring.Rates;

/// <summary>Rolls a day's counts up from practices to sub-ICB, ICB, region and England, joined to the list sizes, in a stable order.</summary>
public static class RateRows
{
    private readonly record struct Key(string Level, string Area, string Policy, string Sex, string Band);

    public static List<RateRow> Build(RateCells cells, IReadOnlyList<MonitoredPolicy> policies, PopulationAttribution attribution,
        IReadOnlyDictionary<string, string[]> areas, IReadOnlyDictionary<(string Ods, string Sex, string Band), int> sizes, bool breakdown)
    {
        var counts = new Dictionary<Key, long[]>();
        var broken = policies.Where(p => cells.Practices.Any(pr => Enumerable.Range(0, RateCells.Bands)
            .Any(b => cells.Get(RateCells.Active, pr, p.Number, true, b) + cells.Get(RateCells.Active, pr, p.Number, false, b) > 0))).ToHashSet();
        foreach (var practice in cells.Practices)
        {
            var ods = attribution.PracticeCode(practice);
            var places = Places(ods, areas);
            foreach (var policy in policies)
            {
                foreach (var female in (bool[])[true, false])
                {
                    for (var band = 0; band < RateCells.Bands; band++)
                    {
                        var active = cells.Get(RateCells.Active, practice, policy.Number, female, band);
                        var added = cells.Get(RateCells.New, practice, policy.Number, female, band);
                        var withdrawn = cells.Get(RateCells.Withdrawn, practice, policy.Number, female, band);
                        if (active == 0 && added == 0 && withdrawn == 0)
                        {
                            continue;
                        }

                        var sex = female ? RateLevels.Female : RateLevels.Male;
                        var label = RateCells.BandLabel(band);
                        foreach (var (level, area) in places)
                        {
                            Accumulate(counts, new Key(level, area, policy.Id, RateLevels.All, RateLevels.All), active, added, withdrawn, 0);
                            if (breakdown && broken.Contains(policy))
                            {
                                Accumulate(counts, new Key(level, area, policy.Id, sex, label), active, added, withdrawn, 0);
                            }
                        }
                    }
                }
            }
        }

        foreach (var ((ods, sex, band), patients) in sizes)
        {
            var total = sex == RateLevels.All && band == RateLevels.All;
            if (!total && !breakdown)
            {
                continue;
            }

            foreach (var policy in policies.Where(p => total || broken.Contains(p)))
            {
                foreach (var (level, area) in Places(ods, areas))
                {
                    Accumulate(counts, new Key(level, area, policy.Id, sex, band), 0, 0, 0, patients);
                }
            }
        }

        foreach (var policy in policies)
        {
            Accumulate(counts, new Key(RateLevels.England, RateLevels.EnglandCode, policy.Id, RateLevels.All, RateLevels.All),
                cells.Unattributed(RateCells.Active, policy.Number), cells.Unattributed(RateCells.New, policy.Number),
                cells.Unattributed(RateCells.Withdrawn, policy.Number), 0);
        }

        var hasSizes = sizes.Count > 0;
        return [.. counts
            .OrderBy(c => Array.IndexOf([.. RateLevels.Ordered], c.Key.Level)).ThenBy(c => c.Key.Area, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Policy, StringComparer.Ordinal).ThenBy(c => c.Key.Sex, StringComparer.Ordinal).ThenBy(c => c.Key.Band, StringComparer.Ordinal)
            .Select(c => new RateRow(c.Key.Level, c.Key.Area, c.Key.Policy, c.Key.Sex, c.Key.Band, (int)c.Value[1], (int)c.Value[2], (int)c.Value[0],
                hasSizes && c.Value[3] > 0 ? (int)c.Value[3] : null))];
    }

    /// <summary>Practice rows for the week: the week's new objections and withdrawals, the active objectors at its end.</summary>
    public static List<RateRow> Weeks(RateCells week, RateCells day, IReadOnlyList<MonitoredPolicy> policies, PopulationAttribution attribution,
        IReadOnlyDictionary<(string Ods, string Sex, string Band), int> sizes)
    {
        var rows = new List<RateRow>();
        foreach (var practice in day.Practices.Union(week.Practices).Order())
        {
            var ods = attribution.PracticeCode(practice);
            int? list = sizes.TryGetValue((ods, RateLevels.All, RateLevels.All), out var n) ? n : null;
            foreach (var policy in policies)
            {
                long added = 0, withdrawn = 0, active = 0;
                foreach (var female in (bool[])[true, false])
                {
                    for (var band = 0; band < RateCells.Bands; band++)
                    {
                        added += week.Get(RateCells.New, practice, policy.Number, female, band);
                        withdrawn += week.Get(RateCells.Withdrawn, practice, policy.Number, female, band);
                        active += day.Get(RateCells.Active, practice, policy.Number, female, band);
                    }
                }

                rows.Add(new RateRow(RateLevels.Practice, ods, policy.Id, "", "", (int)added, (int)withdrawn, (int)active, list));
            }
        }

        return [.. rows.OrderBy(r => r.Area, StringComparer.Ordinal).ThenBy(r => r.Policy, StringComparer.Ordinal)];
    }

    private static (string Level, string Area)[] Places(string ods, IReadOnlyDictionary<string, string[]> areas)
    {
        var known = areas.TryGetValue(ods, out var a) ? a : [RateLevels.Unknown, RateLevels.Unknown, RateLevels.Unknown];
        return [(RateLevels.Practice, ods), (RateLevels.SubIcb, known[0]), (RateLevels.Icb, known[1]), (RateLevels.Region, known[2]),
            (RateLevels.England, RateLevels.EnglandCode)];
    }

    private static void Accumulate(Dictionary<Key, long[]> counts, Key key, long active, long added, long withdrawn, long list)
    {
        if (!counts.TryGetValue(key, out var values))
        {
            values = new long[4];
            counts[key] = values;
        }

        values[0] += active;
        values[1] += added;
        values[2] += withdrawn;
        values[3] += list;
    }
}
