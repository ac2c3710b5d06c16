using FhirAdapters.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Tests.Builders;
using FhirAdapters.Validation;

namespace FhirAdapters.Tests.Validation;

public class ConsentValidatorTests
{
    private static List<OperationOutcomeIssue> Errors(Consent consent) =>
        ConsentValidator.Validate(consent).Where(i => i.Severity == "error").ToList();

    private static OperationOutcomeIssue OnlyError(Consent consent, string expression)
    {
        var errors = Errors(consent);
        return Assert.Single(errors, e => e.Expression?.Contains(expression) == true);
    }

    [Fact]
    public void Validate_WhenConsentFollowsProfile_ThenNoErrors()
    {
        Assert.Empty(Errors(new ConsentBuilder().Build()));
    }

    [Fact]
    public void Validate_WhenNoPolicyNorPolicyRule_ThenPpc1()
    {
        var issue = OnlyError(new ConsentBuilder().With(c => c.Policy = null).Build(), "Consent.policy");

        Assert.Contains("ppc-1", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenOnlyPolicyRule_ThenPpc1Holds()
    {
        var consent = new ConsentBuilder().With(c =>
        {
            c.Policy = null;
            c.PolicyRule = new CodeableConcept("http://snomed.info/sct", "827241000000103");
        }).Build();

        Assert.Empty(Errors(consent));
    }

    [Theory]
    [InlineData("patient-privacy", "ppc-2")]
    [InlineData("research", "ppc-3")]
    [InlineData("adr", "ppc-4")]
    [InlineData("treatment", "ppc-5")]
    public void Validate_WhenScopeNeedsPatientAndNoneGiven_ThenIntendedInvariantFires(string scope, string rule)
    {
        var consent = new ConsentBuilder().With(c =>
        {
            c.Scope = new CodeableConcept(ConsentValidator.ScopeSystem, scope);
            c.Patient = null;
        }).Build();

        var issue = Assert.Single(Errors(consent), e => e.Code == "invariant");
        Assert.Contains(rule, issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenScopeFromOtherSystem_ThenPpcRulesDoNotFireButProfileStillNeedsPatient()
    {
        var consent = new ConsentBuilder().With(c =>
        {
            c.Scope = new CodeableConcept("http://example.org/other", "research");
            c.Patient = null;
        }).Build();

        var issue = Assert.Single(Errors(consent));
        Assert.Equal("required", issue.Code);
        Assert.Contains("NHS number", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenRequiredElementsMissing_ThenEachIsNamed()
    {
        var consent = new ConsentBuilder().With(c =>
        {
            c.Status = null;
            c.Scope = null;
            c.Category = null;
        }).Build();

        var paths = Errors(consent).Where(e => e.Code == "required").SelectMany(e => e.Expression!).ToList();

        Assert.Contains("Consent.status", paths);
        Assert.Contains("Consent.scope", paths);
        Assert.Contains("Consent.category", paths);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("provision.type")]
    [InlineData("provision.data.meaning")]
    public void Validate_WhenRequiredBindingBroken_ThenCodeInvalid(string where)
    {
        var consent = new ConsentBuilder().With(c =>
        {
            switch (where)
            {
                case "status": c.Status = "enabled"; break;
                case "provision.type": c.Provision!.Type = "allow"; break;
                default: c.Provision!.Data = [new ConsentProvisionData { Meaning = "everything", Reference = new Reference { ReferenceValue = "Encounter/1" } }]; break;
            }
        }).Build();

        var issue = Assert.Single(Errors(consent));
        Assert.Equal("code-invalid", issue.Code);
        Assert.Contains("Consent." + where.Replace("data.", "data[0].", StringComparison.Ordinal), issue.Expression![0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("2024-01-01T10:00:00")]
    [InlineData("2024-01-01T10:00Z")]
    [InlineData("24-01-01")]
    public void Validate_WhenDateTimeMalformed_ThenValueIssueWithFormat(string value)
    {
        var issue = OnlyError(new ConsentBuilder().WithDateTime(value).Build(), "Consent.dateTime");

        Assert.Equal("value", issue.Code);
        Assert.Contains("time zone", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenLeapDayAndPartialDates_ThenAccepted()
    {
        Assert.Empty(Errors(new ConsentBuilder().WithDateTime("2024-02-29").Build()));
        Assert.Empty(Errors(new ConsentBuilder().WithDateTime("2024-02").Build()));
        Assert.Empty(Errors(new ConsentBuilder().WithDateTime("2024-02-29T23:59:60.123+14:00").Build()));
    }

    [Theory]
    [InlineData("id", "has spaces", "Consent.id")]
    [InlineData("id", "", "Consent.id")]
    [InlineData("uri", "https://x y", "Consent.policy[0].uri")]
    [InlineData("code", " active", "Consent.provision.purpose[0].code")]
    [InlineData("instant", "2024-01-01", "Consent.meta.lastUpdated")]
    [InlineData("string", "", "Consent.patient.display")]
    public void Validate_WhenPrimitiveBreaksItsRegex_ThenValueIssueAtPath(string type, string value, string path)
    {
        var consent = new ConsentBuilder().With(c =>
        {
            switch (type)
            {
                case "id": c.Id = value; break;
                case "uri": c.Policy![0].Uri = value; break;
                case "code": c.Provision!.Purpose![0].Code = value; break;
                case "instant": c.Meta = new Meta { LastUpdated = value }; break;
                default: c.Patient!.Display = value; break;
            }
        }).Build();

        var issue = OnlyError(consent, path);
        Assert.Equal("value", issue.Code);
    }

    [Fact]
    public void Validate_WhenNhsNumberCheckDigitWrong_ThenIssueExplainsModulus11()
    {
        var issue = OnlyError(new ConsentBuilder(TestNhsNumbers.WithWrongCheckDigit()).Build(), "Consent.patient.identifier.value");

        Assert.Contains("Modulus 11", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenPatientHasNoNhsNumber_ThenProfileIssue()
    {
        var consent = new ConsentBuilder().With(c => c.Patient = new Reference { ReferenceValue = "Patient/123" }).Build();

        var issue = OnlyError(consent, "Consent.patient.identifier");
        Assert.Contains(NhsNumber.System, issue.Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a81001")]
    [InlineData("A8")]
    [InlineData("A81 001")]
    public void Validate_WhenOdsCodeMalformed_ThenValueIssue(string ods)
    {
        var issue = OnlyError(new ConsentBuilder().WithOrganization(ods).Build(), "Consent.organization[0].identifier.value");

        Assert.Contains("ODS code", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenOrganizationHasNoOdsCode_ThenProfileIssue()
    {
        var consent = new ConsentBuilder().With(c => c.Organization = [new Reference { Display = "Some practice" }]).Build();

        OnlyError(consent, "Consent.organization[0].identifier");
    }

    [Fact]
    public void Validate_WhenPeriodEndsBeforeItStarts_ThenPer1()
    {
        var issue = OnlyError(new ConsentBuilder().WithPeriod("2025-01-02", "2025-01-01").Build(), "Consent.provision.period.start");

        Assert.Contains("per-1", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenExtensionHasValueAndChildren_ThenExt1()
    {
        var consent = new ConsentBuilder().With(c => c.Extension =
        [
            new Extension { Url = "u", Value = FhirPrimitive.String("a"), Extension = [new Extension { Url = "v", Value = FhirPrimitive.Boolean(true) }] },
        ]).Build();

        Assert.Contains("ext-1", OnlyError(consent, "Consent.extension[0]").Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenModifierExtensionPresent_ThenRefusedAsNotUnderstood()
    {
        var consent = new ConsentBuilder().With(c => c.ModifierExtension = [new Extension { Url = "https://x/unknown", Value = FhirPrimitive.Boolean(true) }]).Build();

        Assert.Equal("not-supported", OnlyError(consent, "Consent.modifierExtension[0]").Code);
    }

    [Fact]
    public void Validate_WhenLocalReferenceHasNoContainedTarget_ThenRef1()
    {
        var consent = new ConsentBuilder().With(c => c.Performer = [new Reference { ReferenceValue = "#nobody" }]).Build();

        Assert.Contains("ref-1", OnlyError(consent, "Consent.performer[0].reference").Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenNarrativeHasScript_ThenSecurityIssue()
    {
        var consent = new ConsentBuilder().With(c => c.Text = new Narrative
        {
            Status = "generated",
            Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></div>",
        }).Build();

        Assert.Equal("security", OnlyError(consent, "Consent.text.div").Code);
    }

    [Fact]
    public void Validate_WhenElementEmpty_ThenEle1()
    {
        var consent = new ConsentBuilder().With(c => c.Verification = [new ConsentVerification()]).Build();

        Assert.Contains("ele-1", OnlyError(consent, "Consent.verification[0]").Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenNestedProvisionInvalid_ThenPathIncludesNesting()
    {
        var consent = new ConsentBuilder().With(c => c.Provision!.Provision = [new ConsentProvision { Type = "maybe" }]).Build();

        OnlyError(consent, "Consent.provision.provision[0].type");
    }
}
