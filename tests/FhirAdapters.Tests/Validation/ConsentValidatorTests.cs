using FhirAdapters.Outcomes;
using FhirAdapters.Profiles;
using FhirAdapters.Tests.Builders;
using FhirAdapters.Validation;
using Hl7.Fhir.Model;

namespace FhirAdapters.Tests.Validation;

public class ConsentValidatorTests
{
    private static List<OperationOutcome.IssueComponent> Errors(Consent consent) => [.. ConsentValidator.Validate(consent).Where(i => i.IsError())];

    [Fact]
    public void Validate_WhenTheConsentFollowsTheProfile_ThenNoErrors() =>
        Assert.Empty(Errors(new ConsentBuilder().Build()));

    [Fact]
    public void Validate_WhenThePatientHasNoNhsNumber_ThenTheFixedSystemIsNamed()
    {
        var consent = new ConsentBuilder().With(c => c.Patient!.Identifier!.System = "https://example.org/mrn").Build();

        var error = Assert.Single(Errors(consent));

        Assert.Contains("identifier", error.Expression.Single(), StringComparison.Ordinal);
        Assert.Contains("https://fhir.nhs.uk/Id/nhs-number", error.Message(), StringComparison.Ordinal);
        Assert.NotNull(error.Details);
    }

    [Fact]
    public void Validate_WhenTheCheckDigitIsWrong_ThenModulus11IsExplained()
    {
        var consent = new ConsentBuilder("9434765918").Build();

        var error = Assert.Single(Errors(consent));

        Assert.Equal("Consent.patient.identifier.value", error.Expression.Single());
        Assert.Contains("check digit", error.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenThePurposeIsNotAPurposeOfUse_ThenTheBindingIsNamed()
    {
        var consent = new ConsentBuilder().WithPurpose("HRESCHX").Build();

        var error = Assert.Single(Errors(consent));

        Assert.Contains("purpose", error.Expression.Single(), StringComparison.Ordinal);
        Assert.Contains(RegistryConformance.PurposeOfUseValueSet, error.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenTheSameCodesAreCheckedAgain_ThenTheRememberedAnswersAreTheSame()
    {
        var wrong = new ConsentBuilder().WithPurpose("HRESCHY").Build();
        var right = new ConsentBuilder().WithPurpose("HRESCH").Build();

        var first = Errors(wrong).Select(i => i.Message()).ToList();
        var again = Errors(wrong).Select(i => i.Message()).ToList();

        Assert.Single(first);
        Assert.Equal(first, again);
        Assert.Empty(Errors(right));
        Assert.Empty(Errors(right));
    }

    [Fact]
    public void Validate_WhenTheChannelIsUnknown_ThenTheExtensionBindingRefusesIt()
    {
        var consent = new ConsentBuilder().With(c => c.Extension = [new Extension(RegistryConformance.CaptureChannelExtension, new Code("XX"))]).Build();

        Assert.Contains(Errors(consent), e => e.Message().Contains(RegistryConformance.CaptureChannelValueSet, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WhenNoPolicyIsGiven_ThenPpc1IsReported()
    {
        var consent = new ConsentBuilder().With(c => c.Policy = []).Build();

        Assert.Contains(Errors(consent), e => e.Message().Contains("ppc-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WhenTheOdsCodeIsMalformed_ThenReg2IsReported()
    {
        var consent = new ConsentBuilder().WithOrganization("a81-001").Build();

        Assert.Contains(Errors(consent), e => e.Message().Contains("reg-2", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WhenAgainstTheBaseConsent_ThenRegistryRulesDoNotApply()
    {
        var consent = new ConsentBuilder().With(c => c.Patient!.Identifier!.System = "https://example.org/mrn").Build();

        Assert.DoesNotContain(ConsentValidator.Validate(consent, "http://hl7.org/fhir/StructureDefinition/Consent"), i => i.IsError());
    }
}
