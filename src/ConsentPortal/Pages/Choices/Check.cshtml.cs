using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;

namespace ConsentPortal.Pages.Choices;

/// <summary>
/// Check the answer, then confirm. The form carries a request id made when the page was shown, so pressing confirm
/// twice records one change (the registry's If-None-Exist, or If-Match on the version shown).
/// </summary>
public sealed class CheckModel(PatientChoices choices, ActingFor actingFor) : PersonPage(actingFor)
{
    public PatientChoices.Choice? Choice { get; private set; }
    public bool Allow { get; private set; }
    public string RequestId { get; private set; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(string policy, string? choice, CancellationToken ct)
    {
        Choice = (await choices.LoadAsync(await PersonAsync(ct), ct)).FirstOrDefault(c => c.Id == policy);
        if (Choice is null || choice is not ("allow" or "object"))
        {
            return Choice is null ? NotFound() : Redirect($"/choices/{policy}/change");
        }

        Allow = choice == "allow";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string policy, string? choice, string? requestId, CancellationToken ct)
    {
        var nhs = await PersonAsync(ct);
        Choice = (await choices.LoadAsync(nhs, ct)).FirstOrDefault(c => c.Id == policy);
        if (Choice is null || choice is not ("allow" or "object") || string.IsNullOrEmpty(requestId))
        {
            return Choice is null ? NotFound() : Redirect($"/choices/{policy}/change");
        }

        Allow = choice == "allow";
        if (Choice.Allows == Allow && Choice.Consent is not null)
        {
            // Already so (a second press of confirm after the first was recorded): nothing new to record.
            return Redirect($"/choices/{policy}/done?reference={Uri.EscapeDataString(Reference(Choice))}");
        }

        var reference = await choices.RecordAsync(nhs, Choice, Allow, requestId, ct);
        return Redirect($"/choices/{policy}/done?reference={Uri.EscapeDataString(reference)}");
    }

    private static string Reference(PatientChoices.Choice choice) =>
        $"Consent/{choice.Consent!.Value.Text("id")}/_history/{choice.Consent.Value.Child("meta").Text("versionId")}";
}
