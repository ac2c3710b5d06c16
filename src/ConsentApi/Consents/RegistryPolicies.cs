namespace ConsentApi.Consents;

/// <summary>
/// The policy URIs that Consent.policy.uri carries for the choices the registry records. Provisional until the
/// policy catalogue (decisions issue) publishes them with their plain-English explanations.
/// </summary>
public static class RegistryPolicies
{
    public const string Base = "https://consentregistry.example/policy/";

    /// <summary>The national data opt-out: one choice covering research and planning.</summary>
    public const string NationalDataOptOut = Base + "national-data-opt-out";

    /// <summary>Type 1: identifiable data must not leave the GP practice beyond direct care.</summary>
    public const string TypeOne = Base + "type-1";

    /// <summary>How a choice was captured: OP, GP, PFSP, FN, CC, PP (the national data opt-out channel codes).</summary>
    public const string ChannelExtension = "https://consentregistry.example/fhir/StructureDefinition/capture-channel";

    /// <summary>SNOMED CT: Dissent from secondary use of general practitioner patient identifiable data.</summary>
    public const string TypeOneSnomed = "827241000000103";
}
