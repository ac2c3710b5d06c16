namespace ConsentApi.Consents;

/// <summary>
/// A query run with a Consent version's insert, in the same statement on PostgreSQL: it returns the id of a Consent that
/// rules the write out (one row at most), and the version is inserted only if it returns none. Its parameters are
/// @p0 onwards, with these values.
/// </summary>
internal sealed record VersionGuard(string Sql, IReadOnlyList<object?> Values);
