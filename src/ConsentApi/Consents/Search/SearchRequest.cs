using System.Linq.Expressions;

namespace ConsentApi.Consents.Search;

/// <summary>A parsed search: filters (all must hold), paging, sort, and what to report back.</summary>
public sealed class SearchRequest
{
    private readonly List<Func<Expression<Func<ConsentVersion, bool>>>> builders = [];
    private IReadOnlyList<Expression<Func<ConsentVersion, bool>>>? filters;

    /// <summary>
    /// The filters (all must hold) as expression trees for the general path, built on first use: the narrow search
    /// (<see cref="Narrow"/>) never needs them, and building them was 6% of its CPU.
    /// </summary>
    public IReadOnlyList<Expression<Func<ConsentVersion, bool>>> Filters => filters ??= [.. builders.Select(build => build())];

    /// <summary>How many filters the search has (without building them).</summary>
    public int FilterCount => builders.Count;

    /// <summary>The search's narrow form (one person by NHS number, decision 20), or null when it takes the general path.</summary>
    public NarrowSearch? Narrow { get; internal set; }

    /// <summary>The parameters that were applied, as they go into the self and next links.</summary>
    public List<KeyValuePair<string, string>> Applied { get; } = [];

    /// <summary>Parameters that were not applied (lenient handling), with the reason.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>
    /// The filter to start the query from (a reference or identifier: few matches), or null when every filter is
    /// broad. See <see cref="SemiJoins"/>.
    /// </summary>
    public int? DriverIndex { get; set; }

    public List<(string Field, bool Descending)> Sort { get; } = [];
    public int Count { get; set; }
    public int Offset { get; set; }
    public long? Snapshot { get; set; }
    public bool SummaryCount { get; set; }
    public bool IncludeTotal { get; set; }

    /// <summary>Adds a filter, built when <see cref="Filters"/> is first read; <see cref="SearchRequestParser"/> reads it at
    /// once unless the search is narrow (whose values cannot fail to build).</summary>
    internal void AddFilter(Func<Expression<Func<ConsentVersion, bool>>> build)
    {
        if (filters is not null)
        {
            throw new InvalidOperationException("The filters were already built; add every filter before reading them.");
        }

        builders.Add(build);
    }
}
