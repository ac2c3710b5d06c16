using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;

namespace ConsentPortal.Pages.Choices;

/// <summary>One question: may the person's data be used under this policy?</summary>
public sealed class ChangeModel(PatientChoices choices, ActingFor actingFor) : PersonPage(actingFor)
{
    public PatientChoices.Choice? Choice { get; private set; }
    public string? Selected { get; private set; }
    public string? Error { get; private set; }

    /// <summary>For the error summary: the message, linked to the first radio button.</summary>
    public IReadOnlyList<(string Field, string Message)> Errors => Error is null || Choice is null ? [] : [(Choice.Id + "-allow", Error)];

    public async Task<IActionResult> OnGetAsync(string policy, CancellationToken ct)
    {
        Choice = (await choices.LoadAsync(await PersonAsync(ct), ct)).FirstOrDefault(c => c.Id == policy);

        // No answer is pre-selected (a pre-selected answer is too easily confirmed by mistake; the hint says what it is
        // now), except the one this person gave just before their session ended, which the page says it filled in.
        var kept = Identity.ExpiredSession.Take(HttpContext)?.GetValueOrDefault("choice");
        Selected = kept is "allow" or "object" ? kept : null;
        return Choice is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string policy, string? choice, CancellationToken ct)
    {
        Choice = (await choices.LoadAsync(await PersonAsync(ct), ct)).FirstOrDefault(c => c.Id == policy);
        if (Choice is null)
        {
            return NotFound();
        }

        if (choice is not ("allow" or "object"))
        {
            Error = Person.IsSelf ? "Select whether your data can be used" : "Select whether their data can be used";
            return Page();
        }

        return Redirect($"/choices/{policy}/check?choice={choice}");
    }
}
