namespace ConsentApi.Consents.Search;

/// <summary>A token search value: <c>code</c>, <c>system|code</c>, <c>|code</c> or <c>system|</c>.</summary>
public sealed record TokenValue(bool HasSystem, string? System, string? Code)
{
    public static TokenValue Parse(string raw)
    {
        var parts = SearchValueSyntax.Split(raw, '|').Select(SearchValueSyntax.Unescape).ToList();
        if (parts.Count == 1)
        {
            return new TokenValue(false, null, parts[0]);
        }

        if (parts.Count > 2)
        {
            throw SearchValueSyntax.Invalid($"'{raw}' has more than one '|': a token is code, system|code, |code or system|.");
        }

        return new TokenValue(true, parts[0].Length == 0 ? null : parts[0], parts[1].Length == 0 ? null : parts[1]);
    }
}
