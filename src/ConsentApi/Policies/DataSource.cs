namespace ConsentApi.Policies;

/// <summary>Where data comes from (a GP record, hospital records...), so a policy can cover some sources only.</summary>
public sealed record DataSource(string Code, string Title);
