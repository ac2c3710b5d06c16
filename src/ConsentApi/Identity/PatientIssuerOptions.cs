namespace ConsentApi.Identity;

/// <summary>
/// An external OpenID Connect issuer whose tokens identify patients (how NHS login plugs in): its tokens carry an
/// <c>nhs_number</c> claim. Off unless <see cref="Issuer"/> is set. Keys come from <see cref="Jwks"/> when given,
/// otherwise from the issuer's discovery document.
/// </summary>
public sealed class PatientIssuerOptions
{
    public string? Issuer { get; set; }

    /// <summary>The audience the issuer puts in tokens meant for the registry (its client id there).</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer's public keys as a JSON Web Key Set, for issuers reached without discovery.</summary>
    public string? Jwks { get; set; }

    /// <summary>Scopes a patient token carries when the issuer's own scopes are not SMART patient scopes.</summary>
    public string DefaultScopes { get; set; } = "patient/Consent.rs patient/Consent.cud patient/AuditEvent.rs";

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);
}
