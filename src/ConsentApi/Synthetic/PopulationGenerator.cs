using System.Diagnostics;
using System.Globalization;
using ConsentApi.Consents;
using Hl7.Fhir.Model;

namespace ConsentApi.Synthetic;

/// <summary>
/// Generates a seeded synthetic population practice by practice and patient by patient, streaming registrations and
/// objection Consents (with their search rows, built by the same indexer the API uses) to a loader, so memory stays
/// flat at England scale. The same seed and options give the same data.
/// </summary>
public sealed class PopulationGenerator(GenerateOptions options, IPopulationLoader loader, Action<GenerationProgress>? progress = null)
{
    private static readonly string[] OptOutChannels = ["OP", "OP", "OP", "OP", "OP", "OP", "CC", "CC", "PP", "FN", "FN", "PFSP"];
    private readonly Random _random = new(options.Seed);
    private readonly SyntheticNumbers _numbers = new();
    private long _seq;

    public async Task<GenerationSummary> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (await loader.HasPopulationAsync(ct))
        {
            throw new InvalidOperationException("The database already holds a population (practices). Generate into an empty database.");
        }

        var practices = PracticeFactory.Create(_random, options.Scale);
        var summary = new GenerationSummary
        {
            Seed = options.Seed,
            Scale = options.Scale,
            WindowStart = options.WindowStart.ToString("O", CultureInfo.InvariantCulture),
            End = options.End.ToString("O", CultureInfo.InvariantCulture),
            Practices = practices.Count,
        };
        var anomalies = options.Anomalies.Select(a => (Spec: a, Target: a.Practice is null ? null : PracticeFactory.Resolve(practices, a.Practice))).ToList();
        foreach (var (spec, target) in anomalies)
        {
            summary.Anomalies.Add(new InjectedAnomaly
            {
                Kind = spec.Kind,
                Practice = target?.Practice.OdsCode,
                Week = spec.Week,
                WeekStart = options.WindowStart.AddDays(7 * spec.Week).ToString("O", CultureInfo.InvariantCulture),
                Size = spec.Size,
            });
        }

        var weekly = Sampling.Cumulative(Enumerable.Range(0, options.Weeks).Select(_ => Math.Max(0.2, 1 + (0.15 * Sampling.Normal(_random)))));
        var ageBands = Sampling.Cumulative(EnglandModel.AgeBands.Select(b => b.Share));
        _seq = loader.NextSeq;
        await loader.BeginAsync(ct);
        // The list-size publication is dated the first of the month the generated window starts in, so every week the
        // rates are computed for has a list size on or before it (dated at the end, the demo's funnel plot was blank).
        using var csv = new ListSizeCsvWriter(options.OutputDirectory, new DateOnly(options.WindowStart.Year, options.WindowStart.Month, 1));
        for (var p = 0; p < practices.Count; p++)
        {
            ct.ThrowIfCancellationRequested();
            var practice = practices[p];
            loader.AddPractice(practice.Practice);
            var counts = new int[2, EnglandModel.AgeBands.Count];
            var chances = anomalies.Select(a => AnomalyChance(a.Spec, a.Target, practice, weekly)).ToArray();
            for (var i = 0; i < practice.ListSize; i++)
            {
                GeneratePatient(practice, weekly, ageBands, anomalies, chances, summary, counts);
            }

            csv.Write(practice.Practice, counts);
            summary.Patients += practice.ListSize;
            progress?.Invoke(new GenerationProgress(p + 1, practices.Count, summary.Patients, summary.NationalOptOuts + summary.TypeOneObjections, clock.Elapsed));
        }

        await loader.CompleteAsync(ct);
        summary.ConsentVersions = summary.NationalOptOuts + summary.TypeOneObjections + summary.Withdrawals;
        summary.Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        return summary;
    }

    private void GeneratePatient(SyntheticPractice practice, double[] weekly, double[] ageBands,
        List<(AnomalySpec Spec, SyntheticPractice? Target)> anomalies, double[] chances, GenerationSummary summary, int[,] counts)
    {
        var nhs = _numbers.Next();
        var female = _random.NextDouble() < EnglandModel.FemaleShare;
        var band = Sampling.Pick(_random, ageBands);
        var age = EnglandModel.AgeBands[band].From + _random.Next(band == EnglandModel.AgeBands.Count - 1 ? 10 : 5);
        counts[female ? 0 : 1, band]++;
        var birthYear = options.End.Year - age;
        var registeredFrom = options.End.AddDays(-_random.Next(Math.Max(1, Math.Min(age, 30) * 365)));
        loader.AddRegistration(nhs, practice.Practice.OdsCode, female ? "F" : "M", birthYear, Ticks(registeredFrom));

        var propensity = EnglandModel.SexFactor(female) * EnglandModel.AgeFactor(age);
        var optOutWeek = _random.NextDouble() < EnglandModel.NationalOptOutRate * practice.OptOutMultiplier * propensity
            ? ChooseWeek(weekly, yearsBefore: 5)
            : (int?)null;
        var typeOneWeek = _random.NextDouble() < EnglandModel.TypeOneRate * practice.TypeOneMultiplier * propensity
            ? ChooseWeek(weekly, yearsBefore: 10)
            : (int?)null;

        for (var a = 0; a < anomalies.Count; a++)
        {
            var (spec, target) = anomalies[a];
            var injected = summary.Anomalies[a];
            switch (spec.Kind)
            {
                case "spike" or "surge" when optOutWeek is null && chances[a] > 0 && _random.NextDouble() < chances[a]:
                    optOutWeek = spec.Week;
                    injected.Objections++;
                    break;
                case "drop" when target == practice:
                    if (optOutWeek >= spec.Week && optOutWeek < spec.Week + spec.Size)
                    {
                        optOutWeek = Math.Min(options.Weeks - 1, spec.Week + (int)spec.Size);
                        injected.Objections++;
                    }

                    break;
            }
        }

        var nhsText = nhs.ToString(CultureInfo.InvariantCulture);
        if (optOutWeek is { } ow)
        {
            var channel = age < 13 ? "PP" : OptOutChannels[_random.Next(OptOutChannels.Length)];
            AddObjection(ObjectionConsents.NationalDataOptOut(nhsText, channel, DateTimeText(ow)), ow, summary);
            summary.NationalOptOuts++;
        }

        if (typeOneWeek is { } tw)
        {
            AddObjection(ObjectionConsents.TypeOne(nhsText, "GP", DateTimeText(tw), practice.Practice.OdsCode), tw, summary);
            summary.TypeOneObjections++;
        }
    }

    /// <summary>
    /// The chance that one of a practice's non-objectors is added by an anomaly: for a spike, enough to add its size
    /// at the target practice; for a surge, enough to multiply that week's arrivals by its factor. Zero otherwise.
    /// </summary>
    private static double AnomalyChance(AnomalySpec spec, SyntheticPractice? target, SyntheticPractice practice, double[] weekly)
    {
        switch (spec.Kind)
        {
            case "spike" when target == practice:
                return spec.Size / (practice.ListSize * (1 - (EnglandModel.NationalOptOutRate * practice.OptOutMultiplier)));
            case "surge":
                var weekWeight = (weekly[spec.Week] - (spec.Week == 0 ? 0 : weekly[spec.Week - 1])) / weekly[^1];
                var arrivals = EnglandModel.NationalOptOutRate * practice.OptOutMultiplier * (1 - EnglandModel.ObjectedBeforeWindow) * weekWeight;
                return arrivals * (spec.Size - 1);
            default:
                return 0;
        }
    }

    /// <summary>A week in the window (0-based), or a negative number of weeks before it for older choices.</summary>
    private int ChooseWeek(double[] weekly, int yearsBefore) => _random.NextDouble() < EnglandModel.ObjectedBeforeWindow
        ? -1 - _random.Next(yearsBefore * 52)
        : Sampling.Pick(_random, weekly);

    private void AddObjection(Consent consent, int week, GenerationSummary summary)
    {
        var id = Sampling.Guid(_random).ToString();
        var when = DateTimeOffset.Parse(consent.DateTime!, CultureInfo.InvariantCulture);
        AddVersion(consent, id, 1, "POST", when);
        if (_random.NextDouble() < EnglandModel.WithdrawalShare)
        {
            var later = when.AddDays(1 + _random.Next(Math.Max(1, (options.Weeks - Math.Max(week, 0)) * 7)));
            if (later.UtcTicks < Ticks(options.End))
            {
                consent.Status = Consent.ConsentState.Inactive;
                consent.DateTime = later.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                AddVersion(consent, id, 2, "PUT", later);
                summary.Withdrawals++;
            }
        }
    }

    private void AddVersion(Consent consent, string id, int versionId, string method, DateTimeOffset when)
    {
        var version = ConsentVersion.From(consent, id, versionId, method, when);
        version.Seq = _seq++;
        loader.AddConsentVersion(version);
    }

    private string DateTimeText(int week)
    {
        var day = options.WindowStart.AddDays((7 * week) + _random.Next(7));
        var seconds = 8 * 3600 + _random.Next(11 * 3600);
        return day.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(seconds))).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static long Ticks(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
}
