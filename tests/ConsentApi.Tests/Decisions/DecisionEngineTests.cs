using ConsentApi.Decisions;
using ConsentApi.Policies;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Tests.Decisions;

/// <summary>The decision rules on an in-memory index: every precedence case, periods, recipients, nested provisions, exemptions.</summary>
public sealed class DecisionEngineTests
{
    private const string V3 = PurposesOfUse.V3System;
    private const long Nhs = 9434765919;
    private static readonly long Now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    private readonly PolicyCatalogue _catalogue = new();
    private readonly DecisionIndex _index = new();

    public DecisionEngineTests()
    {
        _catalogue.Load(PolicyCatalogueSeeder.Shipped());
        _index.MarkReady();
    }

    [Fact]
    public void Decide_WhenNoChoice_ThenEveryGoverningPolicyDefaultPermits()
    {
        var decision = Decide("HRESCH");

        Assert.True(decision.Permit);
        Assert.Null(decision.Basis);
        Assert.Equal("national-data-opt-out", decision.Policy!.Id);
        Assert.Equal(["national-data-opt-out", "type-1", "type-2"], decision.Outcomes.Select(o => o.Policy.Id));
    }

    [Fact]
    public void Decide_WhenObjectionCoversPurpose_ThenDenyBasedOnThatVersion()
    {
        Load(Choice("national-data-opt-out", Deny("HRESCH", "HOPERAT"), version: 3));

        var decision = Decide("HOPERAT");

        Assert.False(decision.Permit);
        Assert.Equal(3, decision.Basis!.Value.VersionId);
        Assert.Contains("objects to", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WhenObjectionCoversOtherPurposeOnly_ThenDefaultPermits()
    {
        Load(Choice("national-data-opt-out", Deny("HRESCH")));

        Assert.True(Decide("HOPERAT").Permit);
    }

    [Fact]
    public void Decide_WhenPurposeGovernedByNoPolicy_ThenPermitWithoutPolicy()
    {
        Load(Choice("national-data-opt-out", Deny()));

        var decision = Decide("ETREAT");

        Assert.True(decision.Permit);
        Assert.Null(decision.Policy);
        Assert.Contains("No policy", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WhenDenyUnderOnePolicyAndPermitUnderAnother_ThenDenyWins()
    {
        Load(Choice("type-1", new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit }, recorded: "2026-01-01"),
            Choice("national-data-opt-out", Deny("HRESCH"), recorded: "2020-01-01"));

        var decision = Decide("HRESCH");

        Assert.False(decision.Permit);
        Assert.Equal("national-data-opt-out", decision.Policy!.Id);
    }

    [Fact]
    public void Decide_WhenTwoChoicesUnderOnePolicy_ThenMostRecentWins()
    {
        Load(Choice("national-data-opt-out", Deny("HRESCH"), recorded: "2020-01-01", id: "older"),
            Choice("national-data-opt-out", new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit }, recorded: "2024-05-01", id: "newer"));
        var permitted = Decide("HRESCH");

        Load(Choice("national-data-opt-out", Deny("HRESCH"), recorded: "2025-01-01", id: "older"),
            Choice("national-data-opt-out", new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit }, recorded: "2024-05-01", id: "newer"));
        var denied = Decide("HRESCH");

        Assert.True(permitted.Permit);
        Assert.Equal("newer", permitted.Basis!.Value.ResourceId);
        Assert.False(denied.Permit);
        Assert.Equal("older", denied.Basis!.Value.ResourceId);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", false)]
    [InlineData("2027-01-01", null, true)]
    [InlineData(null, "2026-11-21", true)]
    [InlineData(null, "2026-11-22", false)]
    public void Decide_WhenObjectionHasPeriod_ThenCountsOnlyInsideIt(string? start, string? end, bool permit)
    {
        var provision = Deny("HRESCH");
        provision.Period = new Period { Start = start, End = end };
        Load(Choice("national-data-opt-out", provision));

        Assert.Equal(permit, Decide("HRESCH").Permit);
    }

    [Fact]
    public void Decide_WhenObjectionNamesRecipients_ThenOnlyThoseAreDenied()
    {
        var provision = Deny("HRESCH");
        provision.Actor = [Actor("RR8")];
        Load(Choice("national-data-opt-out", provision));

        Assert.False(Decide("HRESCH", actor: "RR8").Permit);
        Assert.True(Decide("HRESCH", actor: "RTH").Permit);
    }

    [Fact]
    public void Decide_WhenNestedPermitForOneRecipient_ThenThatRecipientIsTheException()
    {
        var provision = Deny("HRESCH");
        provision.Provision = [new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit, Actor = [Actor("RTH")] }];
        Load(Choice("national-data-opt-out", provision));

        Assert.True(Decide("HRESCH", actor: "RTH").Permit);
        Assert.False(Decide("HRESCH", actor: "RR8").Permit);
    }

    [Fact]
    public void Decide_WhenLegalBasisIsListedExemption_ThenPermitAndObjectionOverridden()
    {
        Load(Choice("type-1", Deny()));

        var decision = Decide("PUBHLTH", legalBasis: "copi-regulation-3");

        Assert.True(decision.Permit);
        Assert.Equal("copi-regulation-3", decision.Exemption!.Code);
        Assert.Single(decision.Overridden);
    }

    [Fact]
    public void Decide_WhenLegalBasisNotListedForThePolicy_ThenObjectionStands()
    {
        Load(Choice("national-data-opt-out", Deny("HRESCH")));

        var decision = Decide("HRESCH", legalBasis: "vital-interests");

        Assert.False(decision.Permit);
        Assert.Empty(decision.Overridden);
        Assert.Contains("not an exemption", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WhenOneObjectionExemptAndAnotherNot_ThenDeny()
    {
        Load(Choice("national-data-opt-out", Deny("HRESCH")), Choice("type-1", Deny(), id: "t1"));

        var decision = Decide("HRESCH", legalBasis: "explicit-consent");

        Assert.False(decision.Permit);
        Assert.Equal("type-1", decision.Policy!.Id);
    }

    [Fact]
    public void Decide_WhenDefaultDenyPolicyAndNoOptIn_ThenDeny()
    {
        var decision = Decide("research-contact", system: PurposesOfUse.RegistrySystem);

        Assert.False(decision.Permit);
        Assert.Null(decision.Basis);
        Assert.Equal("research-contact", decision.Policy!.Id);
    }

    [Fact]
    public void Decide_WhenPersonOptedInToDefaultDenyPolicy_ThenPermit()
    {
        Load(Choice("research-contact", new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit }));

        Assert.True(Decide("research-contact", system: PurposesOfUse.RegistrySystem).Permit);
    }

    [Fact]
    public void Decide_WhenSourceNotCoveredByPolicy_ThenThatPolicyDoesNotCount()
    {
        Load(Choice("type-1", Deny()));

        Assert.True(Decide("HRESCH", source: "hospital").Permit);
        Assert.False(Decide("HRESCH", source: "gp-record").Permit);
    }

    private Decision Decide(string purpose, string actor = "RR8", string? legalBasis = null, string? source = null, string system = V3) =>
        new DecisionEngine(_index, _catalogue, new DecisionRequest(system, purpose, actor, Now, source, legalBasis)).Decide(Nhs);

    private void Load(params Choice[] choices)
    {
        _index.Load(new Dictionary<long, PatientChoices> { [Nhs] = PatientChoices.Of(choices) }, 0);
        _index.MarkReady();
    }

    private Choice Choice(string policyId, Consent.provisionComponent provision, string recorded = "2025-06-02", int version = 1, string? id = null)
    {
        var policy = _catalogue.Policies.ToList().FindIndex(p => p.Id == policyId);
        Assert.True(FhirDateRange.TryParse(recorded, out var when));
        return new Choice(id ?? Guid.NewGuid().ToString(), version, policy, when.Start.UtcTicks, ProvisionRule.Compile(provision));
    }

    private static Consent.provisionComponent Deny(params string[] purposes) => new()
    {
        Type = Consent.ConsentProvisionType.Deny,
        Purpose = purposes.Length == 0 ? null : [.. purposes.Select(p => new Coding(V3, p))],
    };

    private static Consent.provisionActorComponent Actor(string ods) => new()
    {
        Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
        Reference = FhirReferences.ToIdentifier("Organization", OdsCode.System, ods),
    };
}
