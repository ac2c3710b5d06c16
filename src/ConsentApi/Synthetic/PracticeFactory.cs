using System.Globalization;
using ConsentApi.Population;

namespace ConsentApi.Synthetic;

/// <summary>Lays out regions, ICBs, sub-ICB locations and practices with right-skewed list sizes.</summary>
public static class PracticeFactory
{
    public static List<SyntheticPractice> Create(Random random, double scale)
    {
        var count = Math.Max(1, (int)Math.Round(EnglandModel.Practices * scale));
        var regions = EnglandModel.Regions;
        var icbs = Enumerable.Range(0, EnglandModel.Icbs)
            .Select(i => (Code: $"Q{i + 1:D2}", Name: $"Synthetic ICB {i + 1:D2}", Region: regions[i % regions.Count]))
            .ToList();
        var subIcbs = Enumerable.Range(0, EnglandModel.SubIcbs)
            .Select(i => (Code: $"S{i + 1:D3}", Name: $"Synthetic sub-ICB location {i + 1:D3}", Icb: icbs[i % icbs.Count]))
            .ToList();
        var regionWeights = Sampling.Cumulative(subIcbs.Select(s => s.Icb.Region.Share / subIcbs.Count(x => x.Icb.Region.Code == s.Icb.Region.Code)));
        var practices = new List<SyntheticPractice>(count);
        for (var i = 0; i < count; i++)
        {
            var subIcb = subIcbs[Sampling.Pick(random, regionWeights)];
            var listSize = (int)Math.Clamp(Sampling.LogNormal(random, EnglandModel.MeanListSize, EnglandModel.ListSizeSigma), 400, 90_000);
            var optOut = Sampling.LogNormal(random, 1.0, 0.4);
            var typeOne = Math.Pow(optOut, 0.7) * Sampling.LogNormal(random, 1.0, 0.3);
            var ods = $"Z{10000 + i:D5}";
            var practice = new Practice
            {
                OdsCode = ods,
                Name = $"Synthetic Practice {i + 1:D4}",
                SubIcbCode = subIcb.Code,
                SubIcbName = subIcb.Name,
                IcbCode = subIcb.Icb.Code,
                IcbName = subIcb.Icb.Name,
                RegionCode = subIcb.Icb.Region.Code,
                RegionName = subIcb.Icb.Region.Name,
            };
            practices.Add(new SyntheticPractice(practice, listSize, optOut, typeOne));
        }

        return practices;
    }

    /// <summary>Finds a practice by ODS code or by "#index" (1-based), for anomaly options.</summary>
    public static SyntheticPractice Resolve(IReadOnlyList<SyntheticPractice> practices, string reference)
    {
        if (reference.StartsWith('#') && int.TryParse(reference[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index >= 1 && index <= practices.Count)
        {
            return practices[index - 1];
        }

        return practices.FirstOrDefault(p => p.Practice.OdsCode == reference)
            ?? throw new ArgumentException($"No generated practice '{reference}': use an ODS code from the list-size CSV or #1..#{practices.Count}.");
    }
}
