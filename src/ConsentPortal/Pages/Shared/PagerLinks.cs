namespace ConsentPortal.Pages.Shared;

/// <summary>
/// The previous and next links under a paged table (the design system's pagination, shown by _Pagination): a null
/// address leaves its link out; a page line, when given, says which page the link leads to.
/// </summary>
public sealed record PagerLinks(string Label, string? Previous, string PreviousTitle, string? Next, string NextTitle, string? PreviousPage = null,
    string? NextPage = null);
