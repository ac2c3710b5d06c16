using System.Linq.Expressions;

namespace ConsentApi.Consents.Search;

/// <summary>
/// Reference search: by id, Type/id, absolute URL, :Type, :identifier and :missing. A chain on identifier
/// (<c>patient.identifier=</c>) matches the identifier carried in the reference, because the registry does not
/// hold the referenced Patient or Organization resources.
/// </summary>
public static class ReferencePredicates
{
    public static Expression<Func<ConsentVersion, bool>> Build(SearchParameterDefinition definition, string? modifier,
        IReadOnlyList<string> values, string baseUrl)
    {
        var param = definition.Name;
        if (modifier == "missing")
        {
            var has = Predicates.AnyReference(r => r.Param == param);
            return TokenPredicates.MissingValue(param, values) ? Predicates.Not(has) : has;
        }

        if (modifier == "identifier")
        {
            return Predicates.AnyReference(Predicates.Or(values.Select(v => ByIdentifier(param, TokenValue.Parse(v))).ToList()));
        }

        if (modifier is not null && !(definition.Targets?.Contains(modifier) ?? char.IsUpper(modifier[0])))
        {
            var allowed = definition.Targets is null ? "a resource type" : string.Join(", ", definition.Targets);
            throw SearchValueSyntax.Invalid($"'{param}:{modifier}' is not supported: use :identifier, :missing or a target type ({allowed}).");
        }

        return Predicates.AnyReference(Predicates.Or(values.Select(v => Literal(param, modifier, v, baseUrl)).ToList()));
    }

    private static Expression<Func<ConsentSearchReference, bool>> ByIdentifier(string param, TokenValue token)
    {
        var system = token.System;
        var value = token.Code ?? throw SearchValueSyntax.Invalid($"{param}:identifier needs a value: system|value or value.");
        return token.HasSystem && system is not null
            ? r => r.Param == param && r.IdentifierSystem == system && r.IdentifierValue == value
            : r => r.Param == param && r.IdentifierValue == value;
    }

    private static Expression<Func<ConsentSearchReference, bool>> Literal(string param, string? type, string raw, string baseUrl)
    {
        var value = SearchValueSyntax.Unescape(raw);
        if (value.StartsWith(baseUrl + "/", StringComparison.Ordinal))
        {
            value = value[(baseUrl.Length + 1)..];
        }

        var match = ConsentIndexer.LiteralReference().Match(value);
        if (match.Success && match.Groups["base"].Success)
        {
            var url = value;
            return r => r.Param == param && r.Url == url;
        }

        if (match.Success)
        {
            var targetType = match.Groups["type"].Value;
            var id = match.Groups["id"].Value;
            if (type is not null && type != targetType)
            {
                throw SearchValueSyntax.Invalid($"'{param}:{type}={raw}' names two different types.");
            }

            return r => r.Param == param && r.TargetType == targetType && r.TargetId == id;
        }

        if (value.Contains('/', StringComparison.Ordinal) || value.Length is 0 or > 64)
        {
            throw SearchValueSyntax.Invalid($"'{param}={raw}' is not a reference: use an id, Type/id, an absolute URL, or {param}:identifier=system|value.");
        }

        return type is null
            ? r => r.Param == param && r.TargetId == value
            : r => r.Param == param && r.TargetType == type && r.TargetId == value;
    }
}
