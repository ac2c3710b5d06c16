namespace ConsentApi.Monitoring.Detection;

/// <summary>The "Making Data Count" special-cause rules, in their priority order.</summary>
public enum SpcRule
{
    None = 0,
    OutsideLimits = 1,
    Trend = 2,
    TwoOfThreeNearLimit = 3,
    Shift = 4,
}
