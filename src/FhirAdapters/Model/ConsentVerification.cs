namespace FhirAdapters.Model;

/// <summary>Consent.verification: whether and how the consent was verified with the person.</summary>
public sealed class ConsentVerification : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Consent.verification", () => new ConsentVerification(),
    [
        .. BackboneMembers,
        Elements.Bool<ConsentVerification>("verified", x => x.Verified, (x, v) => x.Verified = v, min: 1),
        Elements.One<ConsentVerification, Reference>("verifiedWith", () => Reference.Info, x => x.VerifiedWith, (x, v) => x.VerifiedWith = v),
        Elements.Str<ConsentVerification>("verificationDate", FhirPrimitiveType.DateTime,
            x => x.VerificationDate, (x, v) => x.VerificationDate = v),
    ]);

    public bool? Verified { get; set; }
    public Reference? VerifiedWith { get; set; }
    public string? VerificationDate { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
