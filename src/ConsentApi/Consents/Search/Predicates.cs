using System.Linq.Expressions;

namespace ConsentApi.Consents.Search;

/// <summary>Combines search predicates into expression trees EF Core can translate to SQL.</summary>
public static class Predicates
{
    public static Expression<Func<T, bool>> Or<T>(IReadOnlyList<Expression<Func<T, bool>>> parts) => Combine(parts, Expression.OrElse);

    public static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    /// <summary>v =&gt; v.Tokens.Any(inner).</summary>
    public static Expression<Func<ConsentVersion, bool>> AnyToken(Expression<Func<ConsentSearchToken, bool>> inner) =>
        AnyOf(nameof(ConsentVersion.Tokens), inner);

    /// <summary>v =&gt; v.References.Any(inner).</summary>
    public static Expression<Func<ConsentVersion, bool>> AnyReference(Expression<Func<ConsentSearchReference, bool>> inner) =>
        AnyOf(nameof(ConsentVersion.References), inner);

    private static Expression<Func<ConsentVersion, bool>> AnyOf<TChild>(string navigation, Expression<Func<TChild, bool>> inner)
    {
        var version = Expression.Parameter(typeof(ConsentVersion), "v");
        var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(TChild)], Expression.Property(version, navigation), inner);
        return Expression.Lambda<Func<ConsentVersion, bool>>(any, version);
    }

    private static Expression<Func<T, bool>> Combine<T>(IReadOnlyList<Expression<Func<T, bool>>> parts, Func<Expression, Expression, BinaryExpression> join)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("At least one predicate is needed.", nameof(parts));
        }

        var parameter = parts[0].Parameters[0];
        var body = parts[0].Body;
        for (var i = 1; i < parts.Count; i++)
        {
            body = join(body, new ParameterReplacer(parts[i].Parameters[0], parameter).Visit(parts[i].Body));
        }

        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
