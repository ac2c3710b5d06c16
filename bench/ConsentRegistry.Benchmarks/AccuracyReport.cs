using System.Globalization;
using ConsentApi.Monitoring.Detection;
using ConsentApi.Synthetic;

namespace ConsentRegistry.Benchmarks;

/// <summary>Prints the over-time detectors' false flags on a null set and detection rates by spike size, as Markdown tables.</summary>
public static class AccuracyReport
{
    private static readonly int[] SpikeSizes = [3, 5, 10, 20, 50];

    private static readonly string[] Methods =
    [
        DetectionMethods.PoissonExceedance, DetectionMethods.Cusum, DetectionMethods.SpcOutsideLimits, DetectionMethods.SpcTrend,
        DetectionMethods.SpcTwoOfThree, DetectionMethods.SpcShift,
    ];

    public static void Print(int practices)
    {
        var report = DetectionAccuracy.Run(seed: 20131, practices, historyWeeks: 78, judgedWeeks: 26, SpikeSizes);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"Null set: {report.Practices:N0} practices × {report.JudgedWeeks} judged weeks (after 78 weeks of history), no change.");
        Console.WriteLine();
        Console.WriteLine("| method | false flags per 1,000 practice-weeks |");
        Console.WriteLine("| --- | ---: |");
        foreach (var m in Methods)
        {
            Console.WriteLine(string.Create(c, $"| {m} | {report.FalseFlagsPerThousand.GetValueOrDefault(m):0.00} |"));
        }

        Console.WriteLine(string.Create(c, $"| any method | {report.AnyFalsePerThousand:0.00} |"));
        Console.WriteLine();
        Console.WriteLine("| extra objections in the judged week | detected by any method | " + string.Join(" | ", Methods) + " |");
        Console.WriteLine("| ---: | ---: |" + string.Concat(Methods.Select(_ => " ---: |")));
        foreach (var (extra, any, byMethod) in report.Detection)
        {
            Console.WriteLine(string.Create(c, $"| +{extra} | {any:P1} | ") + string.Join(" | ", Methods.Select(m => byMethod.GetValueOrDefault(m).ToString("P1", c))) + " |");
        }
    }
}
