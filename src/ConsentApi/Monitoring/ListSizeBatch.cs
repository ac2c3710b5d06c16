using ConsentApi.Population;

namespace ConsentApi.Monitoring;

/// <summary>One month's publication, read and checked: the practices (from the mapping file) and every list size.</summary>
public sealed record ListSizeBatch(string ExtractDate, IReadOnlyList<Practice> Practices, IReadOnlyList<ListSize> ListSizes);
