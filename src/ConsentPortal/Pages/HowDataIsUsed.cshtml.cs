using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages;

/// <summary>The public explanation (Caldicott2 Recommendation 7), written from the registry's own policy catalogue.</summary>
public sealed class HowDataIsUsedModel(RegistryApi api) : PageModel
{
    public IReadOnlyList<JsonElement> Policies { get; private set; } = [];
    public IReadOnlyList<JsonElement> LegalBases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var catalogue = await api.GetAsync<JsonElement>("/policies", ct);
        Policies = [.. catalogue.Items("policies").Where(p => p.Text("status") == "active")];
        LegalBases = [.. catalogue.Items("legalBases")];
    }
}
