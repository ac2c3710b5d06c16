using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>One practice's weekly series with its SPC limits and its flags.</summary>
public sealed class PracticeModel(RegistryApi api) : PageModel
{
    public JsonElement Series { get; private set; }
    public string Policy { get; private set; } = "national-data-opt-out";

    public async Task<IActionResult> OnGetAsync(string ods, string? policy, CancellationToken ct)
    {
        Policy = policy ?? Policy;
        var found = await api.FindAsync($"/monitoring/practices/{Uri.EscapeDataString(ods)}/series?policy={Uri.EscapeDataString(Policy)}", ct);
        if (found is not { } series)
        {
            return NotFound();
        }

        Series = series;
        return Page();
    }
}
