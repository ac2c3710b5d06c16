using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>Job runs: the list (start, end, duration, rows, outcome, error) and "run now" for staff.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/monitoring/jobs").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Monitoring);
        group.MapGet("/runs", Runs).WithName("JobRuns");
        group.MapGet("/runs/{id:long}", Run).WithName("JobRun").Produces<JobRunView>();
        group.MapPost("/{job}/runs", Trigger).WithName("TriggerJob").Produces<JobRunView>(StatusCodes.Status202Accepted);
        return app;
    }

    /// <summary>Runs newest first; <paramref name="before"/> (a run id) pages back through older ones.</summary>
    public static async Task<IResult> Runs(string? job, string? status, int? count, long? before, RegistryDbContext db, CancellationToken ct)
    {
        var size = MonitoringQueries.Bounded(count, "count", 50, 1, 500);
        var runs = await db.JobRuns.AsNoTracking().Where(r => (job == null || r.Job == job) && (status == null || r.Status == status) && (before == null || r.Id < before))
            .OrderByDescending(r => r.Id).Take(size + 1).ToListAsync(ct);
        return Results.Ok(new { runs = runs.Take(size).Select(JobRunView.From), older = runs.Count > size ? runs[size - 1].Id : (long?)null });
    }

    public static async Task<IResult> Run(long id, RegistryDbContext db, CancellationToken ct)
    {
        var run = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No job run {id}.");
        return Results.Ok(JobRunView.From(run));
    }

    public static async Task<IResult> Trigger(string job, JobRequest? request, HttpContext context, JobQueue queue, TimeProvider time, CancellationToken ct)
    {
        if (!JobNames.All.Contains(job))
        {
            throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No job '{job}': the jobs are {string.Join(", ", JobNames.All)}.");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        DateOnly day;
        if (request?.Day is null)
        {
            day = today.AddDays(-1);
        }
        else if (!DateOnly.TryParseExact(request.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            throw RequestValues.Bad("day", $"day must be a date as yyyy-mm-dd (got '{request.Day}').");
        }

        if (day >= today)
        {
            throw RequestValues.Bad("day", $"day must be a day that has ended (before {MonitoringQueries.Text(today)}, UTC); got {MonitoringQueries.Text(day)}.");
        }

        var run = await queue.EnqueueAsync(job, day, "manual", AuditActor.From(context).Id, ct);
        return Results.Accepted($"/monitoring/jobs/runs/{run.Id}", JobRunView.From(run));
    }
}
