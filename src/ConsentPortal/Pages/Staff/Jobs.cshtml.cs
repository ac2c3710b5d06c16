using System.Text.Json;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Staff;

/// <summary>Job runs (start, duration, rows, outcome or error) and "run now".</summary>
public sealed class JobsModel(RegistryApi api) : PageModel
{
    public JsonElement Runs { get; private set; }
    public FormErrors Errors { get; } = [];
    public string? Day { get; private set; }
    public string? Job { get; private set; }
    public string? Queued { get; private set; }

    public const int PageSize = 20;

    /// <summary>The run id older runs start below, when there are more.</summary>
    public long? Older => Runs.Number("older") is { } id ? (long)id : null;

    public bool Paged { get; private set; }

    public async Task OnGetAsync(string? queued, long? before, CancellationToken ct)
    {
        Queued = queued;
        Paged = before is not null;
        if (Identity.ExpiredSession.Take(HttpContext) is { } kept)
        {
            Day = kept.GetValueOrDefault("day");
            Job = kept.GetValueOrDefault("job");
        }

        Runs = await api.GetAsync<JsonElement>($"/monitoring/jobs/runs?count={PageSize}{(before is { } b ? $"&before={b}" : "")}", ct);
    }

    public async Task<IActionResult> OnPostAsync(string? job, string? day, CancellationToken ct)
    {
        Day = day;
        Job = job;
        try
        {
            var run = await api.PostAsync($"/monitoring/jobs/{(job == "detection" ? "detection" : "rates")}/runs",
                new { day = string.IsNullOrWhiteSpace(day) ? null : day.Trim() }, ct);
            return Redirect($"/staff/jobs?queued={run.Text("id")}");
        }
        catch (RegistryApiException ex) when (ex.IsInputProblem)
        {
            Errors.Add(("day", ex.Problem ?? "Enter a day that has ended, as year-month-day"));
            Runs = await api.GetAsync<JsonElement>($"/monitoring/jobs/runs?count={PageSize}", ct);
            return Page();
        }
    }
}
