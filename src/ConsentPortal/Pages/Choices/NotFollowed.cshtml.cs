using System.Text.Json;
using ConsentPortal.Registry;

namespace ConsentPortal.Pages.Choices;

/// <summary>Each time the person's objection was considered, and where it was not followed, the legal basis in plain words.</summary>
public sealed class NotFollowedModel(RegistryApi api, ActingFor actingFor) : PersonPage(actingFor)
{
    public IReadOnlyList<JsonElement> Records { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Records = [.. (await api.GetAsync<JsonElement>($"/objections-considered/mine?nhsNumber={await PersonAsync(ct)}", ct)).EnumerateArray()];
}
