using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>The latest week's funnel plot for one choice (the choices monitored are the registry's, from its summary).</summary>
public sealed class FunnelModel(RegistryApi api) : PageModel
{
    public JsonElement? Funnel { get; private set; }
    public IReadOnlyList<(string Id, string Title)> Policies { get; private set; } = [];
    public string Policy { get; private set; } = "";

    public async Task OnGetAsync(string? policy, CancellationToken ct)
    {
        if (await api.FindAsync("/monitoring/summary", ct) is not { } summary)
        {
            return;
        }

        Policies = [.. summary.Items("policies").Select(p => (p.Text("id"), p.Text("title")))];
        Policy = Policies.Any(p => p.Id == policy) ? policy! : Policies.Count > 0 ? Policies[0].Id : "";
        Funnel = await api.FindAsync($"/monitoring/funnel?policy={Uri.EscapeDataString(Policy)}", ct);
    }
}
