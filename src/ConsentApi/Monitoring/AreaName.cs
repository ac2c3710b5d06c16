namespace ConsentApi.Monitoring;

/// <summary>An area's name and where it sits (the codes above it), for labelling and filtering rate rows.</summary>
public sealed record AreaName(string Name, string? RegionCode, string? IcbCode, string? SubIcbCode);
