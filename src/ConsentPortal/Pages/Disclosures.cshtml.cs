using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages;

/// <summary>The disclosure register (Caldicott2 Recommendation 19), public.</summary>
public sealed class DisclosuresModel(RegistryApi api, CatalogueWords words) : PageModel
{
    public IReadOnlyList<JsonElement> Disclosures { get; private set; } = [];
    public CatalogueWords Words => words;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Disclosures = [.. (await api.GetAsync<JsonElement>("/register/disclosures", ct)).EnumerateArray()];
        await words.LoadAsync(ct);
    }
}
