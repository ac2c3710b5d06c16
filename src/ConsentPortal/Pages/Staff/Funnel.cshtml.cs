using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>The latest week's funnel plot for one choice.</summary>
public sealed class FunnelModel(RegistryApi api) : PageModel
{
    public static readonly IReadOnlyList<string> PolicyIds = ["national-data-opt-out", "type-1", "type-2", "direct-care-sharing"];

    public JsonElement? Funnel { get; private set; }
    public string Policy { get; private set; } = PolicyIds[0];

    public async Task OnGetAsync(string? policy, CancellationToken ct)
    {
        Policy = PolicyIds.Contains(policy) ? policy! : PolicyIds[0];
        Funnel = await api.FindAsync($"/monitoring/funnel?policy={Policy}", ct);
    }
}
