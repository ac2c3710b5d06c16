using System.Linq.Expressions;

namespace ConsentApi.Consents.Search;

/// <summary>Token search: exact system/code matching, with :not, :missing and :text.</summary>
public static class TokenPredicates
{
    public static Expression<Func<ConsentVersion, bool>> Build(string param, string? modifier, IReadOnlyList<string> values)
    {
        if (param == "_id")
        {
            return Ids(modifier, values.Select(SearchValueSyntax.Unescape).ToList());
        }

        switch (modifier)
        {
            case null or "not":
                var matches = Predicates.AnyToken(Predicates.Or(values.Select(v => Match(param, TokenValue.Parse(v))).ToList()));
                return modifier is null ? matches : Predicates.Not(matches);
            case "text":
                var texts = values.Select(v => Text(param, SearchValueSyntax.Unescape(v).ToLowerInvariant())).ToList();
                return Predicates.AnyToken(Predicates.Or(texts));
            case "missing":
                return Missing(param, MissingValue(param, values));
            default:
                throw SearchValueSyntax.Invalid($"The modifier :{modifier} is not supported on '{param}'; token parameters here take :not, :text and :missing.");
        }
    }

    public static bool MissingValue(string param, IReadOnlyList<string> values) => values is ["true"] ? true : values is ["false"]
        ? false
        : throw SearchValueSyntax.Invalid($"{param}:missing takes true or false.");

    private static Expression<Func<ConsentVersion, bool>> Missing(string param, bool missing)
    {
        var has = Predicates.AnyToken(t => t.Param == param);
        return missing ? Predicates.Not(has) : has;
    }

    private static Expression<Func<ConsentSearchToken, bool>> Match(string param, TokenValue value)
    {
        var system = value.System;
        var code = value.Code;
        if (!value.HasSystem)
        {
            return t => t.Param == param && t.Code == code;
        }

        if (code is null)
        {
            return system is null
                ? throw SearchValueSyntax.Invalid($"'{param}=|' has neither a system nor a code.")
                : t => t.Param == param && t.System == system;
        }

        return system is null
            ? t => t.Param == param && t.System == null && t.Code == code
            : t => t.Param == param && t.System == system && t.Code == code;
    }

    private static Expression<Func<ConsentSearchToken, bool>> Text(string param, string text) =>
        t => t.Param == param && t.Text != null && t.Text.Contains(text);

    private static Expression<Func<ConsentVersion, bool>> Ids(string? modifier, IReadOnlyList<string> ids) => modifier switch
    {
        null => v => ids.Contains(v.ResourceId),
        "not" => v => !ids.Contains(v.ResourceId),
        _ => throw SearchValueSyntax.Invalid($"The modifier :{modifier} is not supported on '_id'."),
    };
}
