using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>One flag, its dated history, and the form that moves its investigation on (the API checks every rule).</summary>
public sealed class FlagModel(RegistryApi api, CatalogueWords words) : PageModel
{
    public static readonly IReadOnlyList<string> Outcomes = ["local-publicity", "coding-or-supplier-error", "genuine-local-concern", "data-correction", "other"];

    public sealed record ChangeInput(string? Status, string? Assignee, string? Outcome, string? Note);

    public JsonElement Flag { get; private set; }
    public string Version { get; private set; } = "";
    public ChangeInput Input { get; private set; } = new(null, null, null, null);
    public FormErrors Errors { get; } = [];
    public CatalogueWords Words => words;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Identity.ExpiredSession.Take(HttpContext) is { } kept)
        {
            // What the analyst entered before their session ended, with the version they saw: if the flag has moved on
            // since, saving says so rather than overwriting the newer change.
            Input = new ChangeInput(kept.GetValueOrDefault("status"), kept.GetValueOrDefault("assignee"), kept.GetValueOrDefault("outcome") is { Length: > 0 } o ? o : null,
                kept.GetValueOrDefault("note"));
            Version = kept.GetValueOrDefault("version") ?? Version;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? version, string? status, string? assignee, string? outcome, string? note, CancellationToken ct)
    {
        Input = new ChangeInput(status, assignee, string.IsNullOrEmpty(outcome) ? null : outcome, note);
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var current = Flag.Child("investigation");
        if (status is "explained" or "dismissed" && string.IsNullOrWhiteSpace(outcome))
        {
            Errors.Add(("outcome", "Choose an outcome to close the investigation"));
        }

        if (status is "explained" or "dismissed" && status != current.Text("status") && string.IsNullOrWhiteSpace(note))
        {
            Errors.Add(("note", "Add a note saying what was found"));
        }

        if (!string.IsNullOrEmpty(version) && !version.All(char.IsAsciiDigit))
        {
            // The form carries the version it was shown; anything else was not sent by this page.
            Errors.Add(("status", "This page was out of date. It has been reloaded: make the change again."));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        try
        {
            await api.PostAsync($"/monitoring/flags/{id}/investigation",
                new { status, assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee, outcome = Input.Outcome, note = string.IsNullOrWhiteSpace(note) ? null : note },
                ct, ifMatch: string.IsNullOrEmpty(version) ? null : $"W/\"{version}\"");
        }
        catch (RegistryApiException ex) when (ex.IsInputProblem)
        {
            // The registry's own words: which field and what is wrong. What the person typed stays in the form.
            Errors.Add((ex.Problem?.Contains("note", StringComparison.Ordinal) == true ? "note"
                : ex.Problem?.Contains("outcome", StringComparison.Ordinal) == true ? "outcome" : "status", ex.Problem ?? "The change could not be saved."));
            return Page();
        }

        return Redirect($"/staff/flags/{id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await api.FindAsync($"/monitoring/flags/{id}", ct) is not { } flag)
        {
            return false;
        }

        Flag = flag;
        await words.LoadAsync(ct);
        Version = flag.Items("history").LastOrDefault().Text("version");
        return true;
    }
}
