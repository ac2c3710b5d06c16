using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>"Objections considered" counted by organisation, outcome, legal basis and criterion (the registry's summary).</summary>
public sealed class ConsiderationsModel(RegistryApi api, CatalogueWords words) : PageModel
{
    public IReadOnlyList<JsonElement> Rows { get; private set; } = [];
    public CatalogueWords Words => words;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = [.. (await api.GetAsync<JsonElement>("/objections-considered/summary", ct)).EnumerateArray()];
        await words.LoadAsync(ct);
    }
}
