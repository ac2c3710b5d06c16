using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;

namespace ConsentPortal.Pages.Choices;

/// <summary>The confirmation: whose choice, which one, what it now is, when it was saved, and the version's reference.</summary>
public sealed class DoneModel(PatientChoices choices, ActingFor actingFor) : PersonPage(actingFor)
{
    public string Reference { get; private set; } = "";
    public PatientChoices.Choice? Choice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string policy, string? reference, CancellationToken ct)
    {
        Reference = reference is { Length: > 0 and < 200 } r && r.StartsWith("Consent/", StringComparison.Ordinal) ? r : "–";
        Choice = (await choices.LoadAsync(await PersonAsync(ct), ct)).FirstOrDefault(c => c.Id == policy);
        return Page();
    }
}
