using System.Globalization;
using System.Text.Json;
using ConsentPortal.Registry;

namespace ConsentPortal.Pages.Choices;

/// <summary>The registry's access audit for the person (AuditEvent, which their token may read), fifty at a time.</summary>
public sealed class ChecksModel(RegistryApi api, ActingFor actingFor) : PersonPage(actingFor)
{
    private const int PageSize = 50;

    public IReadOnlyList<JsonElement> Events { get; private set; } = [];
    /// <summary>The registry's cursor for the next, older page (its <c>_before</c>), when there is one.</summary>
    public string? Next { get; private set; }

    public async Task OnGetAsync(string? before, CancellationToken ct)
    {
        var nhs = await PersonAsync(ct);
        var cursor = before is { Length: > 0 and < 40 } && before.All(char.IsAsciiDigit) ? $"&_before={before}" : "";
        var bundle = await api.GetAsync<JsonElement>($"/fhir/AuditEvent?patient={nhs}&_count={PageSize.ToString(CultureInfo.InvariantCulture)}{cursor}", ct);
        Events = [.. bundle.Items("entry").Select(e => e.Child("resource"))];
        var next = bundle.Items("link").FirstOrDefault(l => l.Text("relation") == "next").Text("url");
        Next = next.Length > 0 ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(next).Query).GetValueOrDefault("_before").ToString() : null;
    }

    /// <summary>The kind of access in plain words, with the registry's own note (for example how many people a bulk check covered).</summary>
    public static string Describe(JsonElement auditEvent)
    {
        var kind = auditEvent.Items("subtype").Select(s => s.Text("code")).FirstOrDefault() ?? "";
        var words = kind switch
        {
            "read" or "vread" => "Read your choice",
            "search" => "Looked up your choices",
            "history" => "Read the history of your choices",
            "evaluate" => "Asked whether your data may be used",
            "bulk-check" => "Included you in a check of a list of people",
            "create" or "update" or "delete" => "Changed your choices",
            _ => "Looked at your choices",
        };
        var note = auditEvent.Items("entity").FirstOrDefault().Text("description");
        return note.Length > 0 ? $"{words}. {note}" : words;
    }
}
