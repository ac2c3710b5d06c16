namespace ConsentApi.Monitoring.Investigations;

/// <summary>An investigation's states and outcome categories, and which changes are allowed.</summary>
public static class InvestigationStatus
{
    public const string Open = "open";
    public const string Investigating = "investigating";
    public const string Explained = "explained";
    public const string Dismissed = "dismissed";

    public static readonly IReadOnlyList<string> All = [Open, Investigating, Explained, Dismissed];

    public static readonly IReadOnlyList<string> Outcomes =
        ["local-publicity", "coding-or-supplier-error", "genuine-local-concern", "data-correction", "other"];

    public static bool IsClosed(string status) => status is Explained or Dismissed;

    /// <summary>Why a change from <paramref name="from"/> to <paramref name="to"/> is not allowed, or null when it is.</summary>
    public static string? RefuseTransition(string from, string to) => (from, to) switch
    {
        _ when from == to => null,
        (_, Open) => "An investigation cannot go back to open; set it to investigating to reopen it.",
        (Explained or Dismissed, not Investigating) => $"A {from} investigation can only be reopened (status investigating) before it is closed again.",
        _ => null,
    };
}
