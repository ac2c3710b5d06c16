using System.Net;
using System.Text;
using ConsentApi.Audit;
using ConsentApi.BulkChecks;
using ConsentPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentPortal.Tests.Patients;

/// <summary>
/// What a GP practice's system does through the FHIR API shows on the patient's pages: a choice recorded at the
/// practice (how and by whom), and the practice's look-ups and decisions in "who has checked your choices".
/// </summary>
public sealed class GpPracticeTests(PortalStack stack) : IClassFixture<PortalStack>
{
    private const string Nhs = "9434765870";

    [Fact]
    public async Task Checks_WhenAGpSystemRecordsAndLooksUpAChoiceThroughTheApi_ThenThePatientSeesWhoHowAndWhy()
    {
        using var gp = await GpSystem.ConnectAsync(stack, "riverside-gp-system", "B86012", "Riverside Surgery");
        var consent = $$$"""
            {"resourceType":"Consent","status":"active",
             "extension":[{"url":"https://consentregistry.example/fhir/StructureDefinition/capture-channel","valueCode":"GP"}],
             "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
             "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
             "patient":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"{{{Nhs}}}"}},
             "dateTime":"2026-11-02T09:30:00Z",
             "organization":[{"identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"B86012"}}],
             "policy":[{"uri":"https://consentregistry.example/policy/research-contact"}],
             "provision":{"type":"permit","purpose":[{"system":"https://consentregistry.example/CodeSystem/purpose-of-use","code":"research-contact"}]}}
            """;
        using var created = await gp.PostAsync("/fhir/Consent", new StringContent(consent, Encoding.UTF8, "application/fhir+json"));
        using var search = await gp.GetAsync($"/fhir/Consent?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{Nhs}");
        using var decision = await gp.GetAsync($"/fhir/Consent/$evaluate?patient={Nhs}&purpose=HRESCH&actor=B86012");
        using var bulk = await gp.PostAsync("/fhir/$check-opt-outs?purpose=HOPERAT&disclosure=DEMO-PLANNING-001",
            new StringContent($"{Nhs},\n9434765919,\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        await stack.RegistryServices.GetRequiredService<AuditLog>().FlushAsync(default);
        await stack.RegistryServices.GetRequiredService<BulkAuditFanout>().DrainAsync(default);

        var page = await stack.NewPageAsync();
        await PortalStack.SignInAsync(page, "/choices/checks", "demo.patient2");
        var checks = await page.InnerTextAsync("tbody");
        await PortalStack.OpenAsync(page, "/choices/history");
        var history = await page.InnerTextAsync("tbody");
        await PortalStack.OpenAsync(page, "/choices");
        var choices = await page.InnerTextAsync("#main");

        var gpRows = checks.Split('\n').Where(r => r.Contains("Riverside Surgery (B86012)", StringComparison.Ordinal)).ToList();
        Assert.Contains(gpRows, r => r.Contains("Looked up your choices", StringComparison.Ordinal));
        Assert.Contains(gpRows, r => r.Contains("\tresearch\tAsked whether your data may be used for research: no, because of your choice \"National data opt-out", StringComparison.Ordinal));
        Assert.Contains(checks.Split('\n'), r => r.Contains("planning and running health services\tIncluded you in a check of 2 people before data was shared with NHS England (demonstration) (X26)", StringComparison.Ordinal));
        Assert.Contains(history.Split('\n'), r => r.Contains("at a GP practice", StringComparison.Ordinal) && r.Contains("Riverside Surgery (ODS B86012)", StringComparison.Ordinal));
        Assert.Contains(history.Split('\n'), r => r.Contains("by phone", StringComparison.Ordinal));
        Assert.Contains("chosen on 2 November 2026, at a GP practice", choices, StringComparison.Ordinal);
    }
}
