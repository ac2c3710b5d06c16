using ConsentApi.Identity;

namespace ConsentApi.Export;

/// <summary>
/// What can be exported, and the scope each needs: Consent (current versions), AuditEvent (the access audit) and the
/// disclosure register (not a FHIR resource: its entries as JSON lines, with each entry's bulk checks).
/// </summary>
public static class ExportTypes
{
    public const string Consent = "Consent";
    public const string AuditEvent = "AuditEvent";
    public const string Disclosure = "DisclosureRegisterEntry";

    public static IReadOnlyList<string> SystemLevel { get; } = [Consent, AuditEvent, Disclosure];

    /// <summary>A patient-level export covers what belongs to patients: their Consents and the audit of access to them.</summary>
    public static IReadOnlyList<string> PatientLevel { get; } = [Consent, AuditEvent];

    /// <summary>The scope a client's token needs to export the type (the register is public).</summary>
    public static string? RequiredScope(string type) => type switch
    {
        Consent => RegistryScopes.ConsentRead,
        AuditEvent => RegistryScopes.AuditRead,
        _ => null,
    };
}
