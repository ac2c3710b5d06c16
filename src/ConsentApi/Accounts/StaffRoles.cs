namespace ConsentApi.Accounts;

/// <summary>Staff roles, and the scopes each gives a member of staff's token. No role can change a patient's choices.</summary>
public static class StaffRoles
{
    /// <summary>Watches objection rates and investigates flags.</summary>
    public const string Analyst = "analyst";

    /// <summary>Manages client systems, proxy relationships and staff accounts.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [Analyst, Administrator];

    public static IEnumerable<string> ScopesFor(IEnumerable<string> roles) => roles.SelectMany(role => role switch
    {
        Analyst => new[] { Identity.RegistryScopes.Monitoring, Identity.RegistryScopes.AuditRead },
        Administrator => new[] { Identity.RegistryScopes.Admin, Identity.RegistryScopes.Monitoring, Identity.RegistryScopes.AuditRead },
        _ => [],
    }).Distinct(StringComparer.Ordinal);
}
