using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>England and the regions for the latest computed day.</summary>
public sealed class IndexModel(RegistryApi api) : PageModel
{
    public JsonElement? Summary { get; private set; }
    public string Policy { get; private set; } = "national-data-opt-out";

    public async Task OnGetAsync(string? policy, CancellationToken ct)
    {
        Summary = await api.FindAsync("/monitoring/summary", ct);
        Policy = policy ?? Policy;
    }

    public string Title(string id) =>
        Summary?.Items("policies").FirstOrDefault(p => p.Text("id") == id) is { ValueKind: JsonValueKind.Object } p ? p.Text("title") : id;
}
