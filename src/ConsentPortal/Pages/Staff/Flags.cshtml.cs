using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>Flags with their investigation status, filtered by status.</summary>
public sealed class FlagsModel(RegistryApi api) : PageModel
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "investigating", "explained", "dismissed"];

    public JsonElement List { get; private set; }
    public string? Status { get; private set; }

    public async Task OnGetAsync(string? status, CancellationToken ct)
    {
        Status = Statuses.Contains(status) ? status : null;
        List = await api.GetAsync<JsonElement>("/monitoring/flags?count=200" + (Status is null ? "" : "&status=" + Status), ct);
    }
}
