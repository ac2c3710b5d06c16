using System.Linq.Expressions;

namespace ConsentApi.Consents.Search;

/// <summary>A parsed search: filters (all must hold), paging, sort, and what to report back.</summary>
public sealed class SearchRequest
{
    public List<Expression<Func<ConsentVersion, bool>>> Filters { get; } = [];

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
}
