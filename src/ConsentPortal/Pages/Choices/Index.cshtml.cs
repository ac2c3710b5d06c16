using ConsentPortal.Identity;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Choices;

/// <summary>Each choice in the catalogue with its plain explanation and the person's current choice.</summary>
public sealed class IndexModel(PatientChoices choices) : PageModel
{
    public IReadOnlyList<PatientChoices.Choice> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Choices = await choices.LoadAsync(User.FindFirst(PortalClaims.NhsNumber)!.Value, ct);
}
