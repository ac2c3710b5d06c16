namespace ConsentPortal.Registry;

/// <summary>What staff read for the registry's detection methods (docs/monitoring.md), instead of their codes.</summary>
public static class MethodWords
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["exceedance"] = "One week far from expected",
        ["cusum"] = "A sustained change over recent weeks",
        ["funnel-national"] = "Rate outside the national funnel",
        ["funnel-regional"] = "Rate outside the region's funnel",
        ["poisson-exceedance"] = "One week far from its recent average (earlier method)",
        ["spc-outside-limits"] = "Outside its control limits (earlier method)",
        ["spc-trend"] = "A run rising or falling (earlier method)",
        ["spc-two-of-three"] = "Two of three weeks near a control limit (earlier method)",
        ["spc-shift"] = "A run on one side of its average (earlier method)",
    };

    public static string For(string method) => Words.GetValueOrDefault(method, method);
}
