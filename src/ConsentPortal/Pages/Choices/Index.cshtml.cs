using ConsentPortal.Registry;

namespace ConsentPortal.Pages.Choices;

/// <summary>Each choice in the catalogue with its plain explanation and the person's current choice.</summary>
public sealed class IndexModel(PatientChoices choices, ActingFor actingFor) : PersonPage(actingFor)
{
    public IReadOnlyList<PatientChoices.Choice> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Choices = await choices.LoadAsync(await PersonAsync(ct), ct);
}
