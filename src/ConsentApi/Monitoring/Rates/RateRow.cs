namespace ConsentApi.Monitoring.Rates;

/// <summary>One row of a day's rates before it is stored (also the weekly practice rows, with sex and band empty).</summary>
public sealed record RateRow(string Level, string Area, string Policy, string Sex, string Band, int New, int Withdrawn, int Active, int? ListSize);
