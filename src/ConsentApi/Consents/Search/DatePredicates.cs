using System.Linq.Expressions;
using FhirAdapters.Primitives;

namespace ConsentApi.Consents.Search;

/// <summary>
/// Date search with the R4 prefixes. Both the search value and the resource value are ranges (2024-05 is all of
/// May); eq means the resource's range lies within the value's, gt/lt compare the range ends, ge/le add eq,
/// sa/eb require no overlap, ap widens the value by 10% of its distance from now.
/// </summary>
public static class DatePredicates
{
    private static readonly string[] Prefixes = ["eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap"];

    public static Expression<Func<ConsentVersion, bool>> Build(string param, string? modifier, IReadOnlyList<string> values, DateTimeOffset now)
    {
        if (modifier == "missing")
        {
            var missing = TokenPredicates.MissingValue(param, values);
            var present = Range(param, (start, _) => Expression.NotEqual(start, Expression.Constant(null, typeof(long?))));
            return missing ? Predicates.Not(present) : present;
        }

        if (modifier is not null)
        {
            throw SearchValueSyntax.Invalid($"The modifier :{modifier} is not supported on date parameter '{param}' (only :missing).");
        }

        return Predicates.Or(values.Select(v => One(param, v, now)).ToList());
    }

    private static Expression<Func<ConsentVersion, bool>> One(string param, string escaped, DateTimeOffset now)
    {
        var raw = SearchValueSyntax.Unescape(escaped);
        var prefix = raw.Length > 2 && Prefixes.Contains(raw[..2]) ? raw[..2] : "eq";
        var text = raw.Length > 2 && Prefixes.Contains(raw[..2]) ? raw[2..] : raw;
        if (!FhirDateRange.TryParse(text, lenient: true, out var value))
        {
            throw SearchValueSyntax.Invalid(
                $"'{param}={raw}' is not a valid date search: use an optional prefix (eq, ne, gt, lt, ge, le, sa, eb, ap) and YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm].");
        }

        var ps = value.Start.UtcTicks;
        var pe = value.EndInclusive.UtcTicks;
        if (prefix == "ap")
        {
            var gap = (long)(Math.Abs((now - value.Start).Ticks) * 0.1);
            ps = Math.Max(DateTimeOffset.MinValue.UtcTicks, ps - gap);
            pe = Math.Min(DateTimeOffset.MaxValue.UtcTicks, pe + gap);
        }

        return Range(param, (rs, re) =>
        {
            Expression C(long ticks) => Expression.Constant(ticks, typeof(long?));
            var eq = Expression.AndAlso(Expression.GreaterThanOrEqual(rs, C(ps)), Expression.LessThanOrEqual(re, C(pe)));
            Expression body = prefix switch
            {
                "eq" => eq,
                "ne" => Expression.Not(eq),
                "gt" => Expression.GreaterThan(re, C(pe)),
                "lt" => Expression.LessThan(rs, C(ps)),
                "ge" => Expression.OrElse(Expression.GreaterThan(re, C(pe)), eq),
                "le" => Expression.OrElse(Expression.LessThan(rs, C(ps)), eq),
                "sa" => Expression.GreaterThan(rs, C(pe)),
                "eb" => Expression.LessThan(re, C(ps)),
                _ => Expression.AndAlso(Expression.LessThanOrEqual(rs, C(pe)), Expression.GreaterThanOrEqual(re, C(ps))),
            };
            return Expression.AndAlso(Expression.NotEqual(rs, Expression.Constant(null, typeof(long?))), body);
        });
    }

    private static Expression<Func<ConsentVersion, bool>> Range(string param, Func<Expression, Expression, Expression> build)
    {
        var v = Expression.Parameter(typeof(ConsentVersion), "v");
        Expression Column(string name) => Expression.Convert(Expression.Property(v, name), typeof(long?));
        var (start, end) = param switch
        {
            "date" => (Column(nameof(ConsentVersion.DateStart)), Column(nameof(ConsentVersion.DateEnd))),
            "period" => (Column(nameof(ConsentVersion.PeriodStart)), Column(nameof(ConsentVersion.PeriodEnd))),
            _ => (Column(nameof(ConsentVersion.LastUpdatedTicks)), Column(nameof(ConsentVersion.LastUpdatedTicks))),
        };
        return Expression.Lambda<Func<ConsentVersion, bool>>(build(start, end), v);
    }
}
