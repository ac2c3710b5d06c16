namespace ConsentApi.Identity;

/// <summary>
/// The scopes the registry knows. Resource access uses SMART scopes; decisions, monitoring and administration are
/// the registry's own (not resource access, so not SMART-shaped).
/// </summary>
public static class RegistryScopes
{
    public const string ConsentRead = "system/Consent.rs";
    public const string ConsentWrite = "system/Consent.cud";
    public const string AuditRead = "system/AuditEvent.rs";
    public const string PatientConsentRead = "patient/Consent.rs";
    public const string PatientConsentWrite = "patient/Consent.cud";
    public const string PatientAuditRead = "patient/AuditEvent.rs";

    /// <summary>Create, read, update, delete and search the client's own Subscriptions (notifications need <see cref="ConsentRead"/> too).</summary>
    public const string Subscriptions = "system/Subscription.cruds";

    /// <summary>The registrations feed: create and update people's practice registrations (FHIR Patient), and read back what is held.</summary>
    public const string Registrations = "system/Patient.cru";

    /// <summary>Ask for decisions: $evaluate, CDS Hooks, bulk opt-out checks, and record objections considered.</summary>
    public const string Decisions = "registry.decisions";

    /// <summary>Read objection-rate monitoring and the summaries of objections considered.</summary>
    public const string Monitoring = "registry.monitoring";

    /// <summary>Manage clients and the disclosure register.</summary>
    public const string Admin = "registry.admin";

    public static IReadOnlyList<string> Supported { get; } =
    [
        ConsentRead, ConsentWrite, AuditRead, Subscriptions, Registrations, Decisions, Monitoring, Admin, PatientConsentRead, PatientConsentWrite, PatientAuditRead,
        "system/Consent.read", "system/Consent.write", "system/AuditEvent.read",
    ];

    /// <summary>
    /// Scopes that let a client system change anyone's choices or administer the registry: a client with keys (one that
    /// gets tokens on its own) registered with one needs a second administrator's approval first (separation of duties).
    /// An app that signs people in never needs it: its tokens carry only what the signed-in person may do.
    /// </summary>
    public static bool NeedSecondAdministrator(bool hasKeys, IEnumerable<string> scopes) =>
        hasKeys && scopes.Any(s => s is ConsentWrite or "system/Consent.write" or Admin);

    /// <summary>
    /// Of the requested scopes, those the allowed scopes cover (a request may narrow, never widen). A requested SMART
    /// scope is granted when one allowed scope covers it; a registry scope only when allowed as written.
    /// </summary>
    public static IReadOnlyList<string> Grant(IEnumerable<string> requested, IReadOnlyCollection<string> allowed)
    {
        var allowedSmart = allowed.Select(a => SmartScope.TryParse(a, out var s) ? s : null).OfType<SmartScope>().ToList();
        var granted = new List<string>();
        foreach (var scope in requested.Distinct(StringComparer.Ordinal))
        {
            var ok = SmartScope.TryParse(scope, out var smart)
                ? allowedSmart.Exists(a => smart!.IsWithin(a))
                : allowed.Contains(scope);
            if (ok)
            {
                granted.Add(scope);
            }
        }

        return granted;
    }
}
