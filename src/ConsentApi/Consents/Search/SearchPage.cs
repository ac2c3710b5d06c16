namespace ConsentApi.Consents.Search;

/// <summary>One page of results, the snapshot it was read at, and the total when it was asked for.</summary>
public sealed record SearchPage(IReadOnlyList<ConsentVersion> Items, bool HasMore, int? Total, long Snapshot);
