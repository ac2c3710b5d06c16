using System.Globalization;
using System.Text.Json;
using ConsentPortal.Registry;

namespace ConsentPortal.Pages.Choices;

/// <summary>
/// The registry's access audit for the person (AuditEvent, which their token may read), fifty at a time. The signed-in
/// person's own look-ups (each page they open here is one) are left out unless they ask for them, so what
/// organisations did is not buried under their own visits.
/// </summary>
public sealed class ChecksModel(RegistryApi api, ActingFor actingFor) : PersonPage(actingFor)
{
    private const int PageSize = 50;

    public IReadOnlyList<JsonElement> Events { get; private set; } = [];

    /// <summary>Whether the signed-in person's own look-ups are shown.</summary>
    public bool ShowMine { get; private set; }

    /// <summary>How many of the signed-in person's own look-ups this page of results left out.</summary>
    public int MineHidden { get; private set; }
    /// <summary>The registry's cursor for the next, older page (its <c>_before</c>), when there is one.</summary>
    public string? Next { get; private set; }

    /// <summary>The catalogue's titles by policy id, so a decision can name the choice that gave it.</summary>
    public IReadOnlyDictionary<string, string> PolicyTitles { get; private set; } = new Dictionary<string, string>();

    /// <summary>Recipients by disclosure register entry, for the bulk checks on this page.</summary>
    public IReadOnlyDictionary<string, string> Recipients { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(string? before, bool mine, CancellationToken ct)
    {
        ShowMine = mine;
        var nhs = await PersonAsync(ct);
        var cursor = before is { Length: > 0 and < 40 } && before.All(char.IsAsciiDigit) ? $"&_before={before}" : "";
        var bundle = await api.GetAsync<JsonElement>($"/fhir/AuditEvent?patient={nhs}&_count={PageSize.ToString(CultureInfo.InvariantCulture)}{cursor}", ct);
        var all = bundle.Items("entry").Select(e => e.Child("resource")).ToList();
        var me = User.FindFirst(Identity.PortalClaims.NhsNumber)?.Value;
        Events = mine || me is null ? all : [.. all.Where(e => !ByPerson(e, me))];
        MineHidden = all.Count - Events.Count;
        var catalogue = await api.GetAsync<JsonElement>("/policies", ct);
        if (Events.Any(e => e.Items("subtype").Any(s => s.Text("code") == "bulk-check")))
        {
            var register = await api.GetAsync<JsonElement>("/register/disclosures", ct);
            Recipients = register.EnumerateArray().ToDictionary(d => d.Text("id"), d => d.Text("recipientName"), StringComparer.Ordinal);
        }

        PolicyTitles = catalogue.Items("policies").GroupBy(p => p.Text("id")).ToDictionary(g => g.Key, g => g.Last().Text("title"), StringComparer.Ordinal);
        var next = bundle.Items("link").FirstOrDefault(l => l.Text("relation") == "next").Text("url");
        Next = next.Length > 0 ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(next).Query).GetValueOrDefault("_before").ToString() : null;
    }

    /// <summary>Whether the event's requesting agent is the person with this NHS number (as a patient or as a proxy).</summary>
    private static bool ByPerson(JsonElement auditEvent, string nhsNumber) =>
        auditEvent.Items("agent").Any(a => a.Child("who").Child("identifier").Text("value") == nhsNumber
            && a.Items("role").SelectMany(r => r.Items("coding")).Any(c => c.Text("code") is "patient" or "proxy"));
}
