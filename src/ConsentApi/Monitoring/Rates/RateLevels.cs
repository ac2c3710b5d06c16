namespace ConsentApi.Monitoring.Rates;

/// <summary>The levels rates are published at, smallest first, and the code used for England and for places not in the practice list.</summary>
public static class RateLevels
{
    public const string Practice = "practice";
    public const string SubIcb = "sub-icb";
    public const string Icb = "icb";
    public const string Region = "region";
    public const string England = "england";
    public const string EnglandCode = "ENG";
    public const string Unknown = "UNKNOWN";
    public const string All = "ALL";
    public const string Female = "FEMALE";
    public const string Male = "MALE";

    public static readonly IReadOnlyList<string> Ordered = [Practice, SubIcb, Icb, Region, England];

    public static bool IsKnown(string level) => Ordered.Contains(level, StringComparer.Ordinal);
}
