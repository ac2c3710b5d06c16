using System.Text.Json;
using ConsentPortal.Registry;

namespace ConsentPortal.Pages.Choices;

/// <summary>Every version of the person's Consents (the registry's _history), newest first.</summary>
public sealed class HistoryModel(PatientChoices choices, RegistryApi api, ActingFor actingFor) : PersonPage(actingFor)
{
    public List<(string Title, JsonElement Version)> Versions { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var choice in await choices.LoadAsync(await PersonAsync(ct), ct))
        {
            if (choice.Consent is not { } consent)
            {
                continue;
            }

            var history = await api.GetAsync<JsonElement>($"/fhir/Consent/{consent.Text("id")}/_history", ct);
            Versions.AddRange(history.Items("entry").Select(e => (choice.Policy.Text("title"), e.Child("resource"))).Where(v => v.Item2.ValueKind == JsonValueKind.Object));
        }

        Versions.Sort((a, b) => string.CompareOrdinal(b.Version.Child("meta").Text("lastUpdated"), a.Version.Child("meta").Text("lastUpdated")));
    }

    public static string Describe(JsonElement version) =>
        version.Text("status") != "active" ? "Choice withdrawn (back to the default)"
        : version.Child("provision").Text("type") == "deny" ? "You objected" : "You allowed it";
}
