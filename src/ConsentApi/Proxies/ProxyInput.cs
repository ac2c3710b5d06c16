namespace ConsentApi.Proxies;

/// <summary>
/// A proxy relationship as submitted: by a patient asking to act for someone (the proxy is then themselves), or by
/// staff recording one. Dates are yyyy-mm-dd; the start defaults to today.
/// </summary>
public sealed record ProxyInput(string? ProxyNhsNumber, string? SubjectNhsNumber, string? Kind, string? Start, string? End, string? Evidence);
