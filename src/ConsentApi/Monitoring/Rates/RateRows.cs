namespace ConsentApi.Monitoring.Rates;

/// <summary>Rolls a day's counts up from practices to sub-ICB, ICB, region and England, joined to the list sizes, in a stable order.</summary>
public static class RateRows
{
    private readonly record struct Key(string Level, string Area, string Policy, string Sex, string Band);

    public static List<RateRow> Build(RateCells cells, IReadOnlyList<MonitoredPolicy> policies, PopulationAttribution attribution,
        IReadOnlyDictionary<string, string[]> areas, IReadOnlyDictionary<(string Ods, string Sex, string Band), int> sizes, bool breakdown)
    {
        var counts = new Dictionary<Key, long[]>();
        var broken = breakdown ? policies.Where(p => cells.Practices.Any(pr => Total(cells, pr, p, RateCells.Active) > 0)).ToHashSet() : [];
        foreach (var practice in cells.Practices)
        {
            var raw = cells.CountsOf(practice)!;
            var places = Places(attribution.PracticeCode(practice), areas);
            foreach (var policy in policies)
            {
                long active = 0, added = 0, withdrawn = 0;
                foreach (var female in (bool[])[true, false])
                {
                    for (var band = 0; band < RateCells.Bands; band++)
                    {
                        var a = raw[cells.Offset(RateCells.Active, policy.Number, female, band)];
                        var n = raw[cells.Offset(RateCells.New, policy.Number, female, band)];
                        var w = raw[cells.Offset(RateCells.Withdrawn, policy.Number, female, band)];
                        active += a;
                        added += n;
                        withdrawn += w;
                        if ((a | n | w) != 0 && broken.Contains(policy))
                        {
                            var key = (female ? RateLevels.Female : RateLevels.Male, RateCells.BandLabel(band));
                            foreach (var (level, area) in places)
                            {
                                Accumulate(counts, new Key(level, area, policy.Id, key.Item1, key.Item2), a, n, w, 0);
                            }
                        }
                    }
                }

                if ((active | added | withdrawn) != 0)
                {
                    foreach (var (level, area) in places)
                    {
                        Accumulate(counts, new Key(level, area, policy.Id, RateLevels.All, RateLevels.All), active, added, withdrawn, 0);
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
                var added = week.CountsOf(practice) is null ? 0 : Total(week, practice, policy, RateCells.New);
                var withdrawn = week.CountsOf(practice) is null ? 0 : Total(week, practice, policy, RateCells.Withdrawn);
                var active = day.CountsOf(practice) is null ? 0 : Total(day, practice, policy, RateCells.Active);

                rows.Add(new RateRow(RateLevels.Practice, ods, policy.Id, "", "", (int)added, (int)withdrawn, (int)active, list));
            }
        }

        return [.. rows.OrderBy(r => r.Area, StringComparer.Ordinal).ThenBy(r => r.Policy, StringComparer.Ordinal)];
    }

    private static long Total(RateCells cells, int practice, MonitoredPolicy policy, int measure)
    {
        var raw = cells.CountsOf(practice)!;
        long total = 0;
        foreach (var female in (bool[])[true, false])
        {
            for (var band = 0; band < RateCells.Bands; band++)
            {
                total += raw[cells.Offset(measure, policy.Number, female, band)];
            }
        }

        return total;
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
