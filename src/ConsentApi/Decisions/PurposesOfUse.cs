namespace ConsentApi.Decisions;

/// <summary>
/// The purposes of use a request may name: the HL7 v3 PurposeOfUse codes, plus the registry's own (contact about
/// research). A purpose outside these is refused, so a typing mistake can never be answered "permit" by default.
/// </summary>
public static class PurposesOfUse
{
    public const string V3System = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    public const string RegistrySystem = "https://consentregistry.example/CodeSystem/purpose-of-use";

    private static readonly HashSet<string> V3Codes = new(StringComparer.Ordinal)
    {
        "PurposeOfUse", "HMARKT", "HOPERAT", "CAREMGT", "DONAT", "FRAUD", "GOV", "HACCRED", "HCOMPL", "HDECD", "HDIRECT", "HDM",
        "HLEGAL", "HOUTCOMS", "HPRGRP", "HQUALIMP", "HSYSADMIN", "LABELING", "METAMGT", "MEMADMIN", "MILCDM", "PATADMIN", "PATSFTY",
        "PERFMSR", "RECORDMGT", "SYSDEV", "HTEST", "TRAIN", "HPAYMT", "CLMATTCH", "COVAUTH", "COVERAGE", "ELIGDTRM", "ELIGVER",
        "ENROLLM", "MILDCRG", "REMITADV", "HRESCH", "BIORCH", "CLINTRCH", "CLINTRCHNPC", "CLINTRCHPC", "PRECLINTRCH", "DSRCH",
        "POARCH", "TRANSRCH", "PATRQT", "FAMRQT", "PWATRNY", "SUPNWK", "PUBHLTH", "DISASTER", "THREAT", "TREAT", "CLINTRL", "COC",
        "ETREAT", "BTG", "ERTREAT", "POPHLTH",
    };

    private static readonly HashSet<string> RegistryCodes = new(StringComparer.Ordinal) { "research-contact" };

    /// <summary>The purpose with its system filled in, or null when it is not a known purpose of use.</summary>
    public static (string System, string Code)? Resolve(string? system, string code) => system switch
    {
        null when V3Codes.Contains(code) => (V3System, code),
        null when RegistryCodes.Contains(code) => (RegistrySystem, code),
        V3System when V3Codes.Contains(code) => (V3System, code),
        RegistrySystem when RegistryCodes.Contains(code) => (RegistrySystem, code),
        _ => null,
    };
}
