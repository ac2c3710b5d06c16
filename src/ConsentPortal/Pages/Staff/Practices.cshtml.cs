using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>Practices with their rates for one choice, filtered by region and sorted, fifty a page.</summary>
public sealed class PracticesModel(RegistryApi api) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Text)> Sorts =
        [("-rate", "Highest rate"), ("rate", "Lowest rate"), ("-new", "Most new objections"), ("name", "Name"), ("-list", "Largest list")];

    public JsonElement? Results { get; private set; }
    public IReadOnlyList<(string Id, string Title)> Policies { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Regions { get; private set; } = [];
    public string Policy { get; private set; } = "national-data-opt-out";
    public string? Region { get; private set; }
    public string Sort { get; private set; } = "-rate";
    public int PageNumber { get; private set; } = 1;

    /// <summary>This list, as filtered and ordered now, at another page.</summary>
    public string PageAddress(int page) => "/staff/practices" + QueryString.Create(new Dictionary<string, string?>
    {
        ["policy"] = Policy,
        ["region"] = Region,
        ["sort"] = Sort,
        ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task OnGetAsync(string? policy, string? region, string? sort, int? pageNumber, CancellationToken ct)
    {
        var summary = await api.FindAsync("/monitoring/summary", ct);
        if (summary is not { } s)
        {
            return;
        }

        Policies = [.. s.Items("policies").Select(p => (p.Text("id"), p.Text("title")))];
        Regions = [.. s.Items("regions").Select(r => (r.Child("rate").Text("areaCode"), r.Text("name"))).Distinct()];
        Policy = Policies.Any(p => p.Id == policy) ? policy! : (Policies.Count > 0 ? Policies[0].Id : Policy);
        Region = Regions.Any(r => r.Code == region) ? region : null;
        Sort = Sorts.Any(x => x.Value == sort) ? sort! : "-rate";
        PageNumber = Math.Max(1, pageNumber ?? 1);
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["level"] = "practice",
            ["policy"] = Policy,
            ["region"] = Region,
            ["sort"] = Sort,
            ["page"] = PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["count"] = "50",
        }.Where(p => p.Value is not null));
        Results = await api.GetAsync<JsonElement>("/monitoring/rates" + query, ct);
    }
}
