using ConsentApi.Identity;
using System.IO.Pipelines;
using ConsentApi.Audit;
using ConsentApi.Decisions;
using ConsentApi.Fhir;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using ConsentApi.Register;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ConsentApi.BulkChecks;

/// <summary>
/// POST /fhir/$check-opt-outs?purpose=...&amp;disclosure=...: the bulk opt-out check. The list comes in the national
/// service's .dat format; the answer lists only the numbers that may be used (or every decision as NDJSON), streamed.
/// With Prefer: respond-async it answers 202 and a status URL that reports progress and then serves the result.
/// </summary>
public static partial class BulkCheckEndpoints
{
    private const long MaxBodyBytes = 20L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapBulkChecks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir/$check-opt-outs").WithTags("Bulk opt-out check").RequireAuthorization(AccessPolicies.Decisions);
        group.MapPost("", CheckOptOuts).WithName("CheckOptOuts");
        group.MapGet("/status/{id}", JobStatus).WithName("CheckOptOutsStatus");
        group.MapDelete("/status/{id}", DeleteJob).WithName("DeleteCheckOptOutsResult");
        return app;
    }

    public static async Task<IResult> CheckOptOuts(HttpContext context, RegistryDbContext db, PolicyCatalogue catalogue, BulkCheckRunner runner,
        BulkJobs jobs, BulkAuditFanout fanout, IServiceScopeFactory scopes, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        runner.RequireReady(); // before the body is read, and before an asynchronous job is accepted
        var started = time.GetTimestamp();
        var ndjson = WantsNdjson(context.Request);
        RequireTextBody(context.Request);
        var (disclosure, request) = await ReadQueryAsync(context, db, catalogue, time);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        var actor = AuditActor.From(context);
        var numbers = new NumberSpool();
        try
        {
            var list = await NumberListReader.ReadAsync(context.Request.BodyReader, numbers, ct);
            var read = time.GetElapsedTime(started);
            await RejectInvalidAsync(list, runner, disclosure, request, actor, ct);
            if (context.Request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
            {
                var job = new BulkJob(Guid.NewGuid().ToString("N"), actor.Id, list.Count, ndjson, time.GetUtcNow());
                jobs.Add(job);
                _ = RunJobAsync(job, jobs.ResultPath(job.Id), numbers, list, disclosure, request, actor, scopes, fanout,
                    logs.CreateLogger(typeof(BulkCheckEndpoints).FullName!));
                numbers = null;
                context.Response.Headers.ContentLocation = $"{FhirBaseUrl.Get(context)}/$check-opt-outs/status/{job.Id}";
                return FhirResults.Resource(Issues.Outcome("information", "informational",
                    $"Accepted: {list.Count:N0} NHS numbers will be checked. Poll the Content-Location URL for progress and then the result."), StatusCodes.Status202Accepted);
            }

            using var hold = fanout.HoldForCheck();
            await using var result = new BulkCheckResultScope(await runner.RunAsync(numbers, disclosure, request, actor, null, ct));
            context.Response.StatusCode = 200;
            context.Response.ContentType = ndjson ? BulkResultWriter.Ndjson + "; charset=utf-8" : "text/plain; charset=utf-8";
            context.Response.Headers["X-Bulk-Check-Id"] = result.Value.Id;
            context.Response.Headers["X-Checked"] = result.Value.Checked.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Excluded"] = result.Value.Excluded.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var decided = time.GetElapsedTime(started);
            await BulkResultWriter.WriteAsync(result.Value.Decisions, context.Response.BodyWriter, ndjson, list, catalogue, request.LegalBasis, ct);
            var answered = time.GetElapsedTime(started);
            var logger = logs.CreateLogger(typeof(BulkCheckEndpoints).FullName!);
            var (readMs, runMs, writeMs) = (read.TotalMilliseconds, (decided - read).TotalMilliseconds, (answered - decided).TotalMilliseconds);
            LogChecked(logger, result.Value.Id, result.Value.Checked, readMs, runMs, writeMs);
            return Results.Empty;
        }
        finally
        {
            if (numbers is not null)
            {
                await numbers.DisposeAsync();
            }
        }
    }

    public static async Task<IResult> JobStatus(string id, HttpContext context, BulkJobs jobs, CancellationToken ct)
    {
        var job = jobs.Find(id, AuditActor.From(context).Id) ?? throw NoSuchCheck(id);
        if (job.Error is { } error)
        {
            return FhirResults.Resource(error, job.ErrorStatus);
        }

        if (job.ResultPath is not { } path)
        {
            context.Response.Headers["X-Progress"] = $"{job.Done} of {job.Total} checked";
            context.Response.Headers.RetryAfter = "2";
            return FhirResults.Resource(Issues.Outcome("information", "informational", $"In progress: {job.Done:N0} of {job.Total:N0} checked."),
                StatusCodes.Status202Accepted);
        }

        context.Response.ContentType = job.Ndjson ? BulkResultWriter.Ndjson + "; charset=utf-8" : "text/plain; charset=utf-8";
        await using var file = File.OpenRead(path);
        await file.CopyToAsync(context.Response.Body, ct);
        return Results.Empty;
    }

    public static IResult DeleteJob(string id, HttpContext context, BulkJobs jobs) =>
        jobs.Remove(id, AuditActor.From(context).Id) ? Results.NoContent() : throw NoSuchCheck(id);

    /// <summary>One answer for a check that does not exist, has expired, or belongs to another client.</summary>
    private static FhirErrorException NoSuchCheck(string id) => new(StatusCodes.Status404NotFound, "not-found",
        $"No bulk check '{id}' of yours is held here: results are kept for an hour, on the node that ran the check.");

    private static async Task RunJobAsync(BulkJob job, string path, NumberSpool numbers, NumberList list, Disclosure disclosure, DecisionRequest request,
        AuditActor actor, IServiceScopeFactory scopes, BulkAuditFanout fanout, ILogger logger)
    {
        await Task.Yield();
        await using var owned = numbers;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<BulkCheckRunner>();
            var catalogue = scope.ServiceProvider.GetRequiredService<PolicyCatalogue>();
            using var hold = fanout.HoldForCheck();
            await using var result = new BulkCheckResultScope(await runner.RunAsync(numbers, disclosure, request, actor, job.Reporter, CancellationToken.None));
            await using (var file = new FileStream(path, PrivateFiles.Create()))
            {
                var writer = PipeWriter.Create(file);
                await BulkResultWriter.WriteAsync(result.Value.Decisions, writer, job.Ndjson, list, catalogue, request.LegalBasis, CancellationToken.None);
                await writer.CompleteAsync();
            }

            job.ResultPath = path;
        }
        catch (Exception ex)
        {
            // Logged here and reported to the client through the status URL (with the job id to quote).
            LogJobFailed(logger, ex, job.Id);
            job.ErrorStatus = 500;
            job.Error = Issues.Outcome("fatal", "exception", $"The bulk check failed and nothing was recorded; submit it again. Quote job {job.Id} when reporting it.");
        }
    }

    private static async Task RejectInvalidAsync(NumberList list, BulkCheckRunner runner, Disclosure disclosure, DecisionRequest request,
        AuditActor actor, CancellationToken ct)
    {
        if (list.InvalidCount > 0)
        {
            await runner.RecordRejectedAsync(disclosure, request, actor, list, ct);
            var issues = new List<OperationOutcome.IssueComponent>
            {
                Issues.Error("invalid", $"{list.InvalidCount:N0} line(s) are not valid NHS numbers, so no number was checked. Correct them and send the whole list again."
                    + (list.InvalidCount > list.Invalid.Count ? $" The first {list.Invalid.Count:N0} are listed." : string.Empty)),
            };
            issues.AddRange(list.Invalid.Select(l => Issues.Error("invalid", $"Line {l.Line}: '{l.Content}' is not a valid NHS number: {l.Problem}.", $"line {l.Line}")));
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, new OperationOutcome { Issue = issues });
        }

        if (list.Count == 0)
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "required",
                "The list holds no NHS numbers: send one per line, each followed by a comma (e.g. 9434765919,).");
        }
    }

    private static async Task<(Disclosure, DecisionRequest)> ReadQueryAsync(HttpContext context, RegistryDbContext db, PolicyCatalogue catalogue, TimeProvider time)
    {
        var query = context.Request.Query;
        var unknown = query.Keys.Where(k => k is not ("purpose" or "disclosure" or "source")).ToList();
        if (unknown.Count > 0)
        {
            throw RequestValues.Bad(unknown[0], $"$check-opt-outs takes purpose, disclosure and source only; '{string.Join("', '", unknown)}' is not one of them.");
        }

        var disclosureId = query["disclosure"].ToString();
        if (string.IsNullOrEmpty(disclosureId))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "required",
                "'disclosure' is required: the id of the disclosure register entry this extract is for (GET /register/disclosures lists them).", "disclosure");
        }

        var disclosure = await db.Disclosures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == disclosureId, context.RequestAborted)
            ?? throw RequestValues.Bad("disclosure", $"The disclosure register has no entry '{disclosureId}'. Register the disclosure first (POST /register/disclosures).");
        var request = DecisionRequests.Build(query["purpose"].ToString(), disclosure.RecipientOds, null,
            disclosure.OptOutsApply ? null : disclosure.LegalBasis, query["source"].ToString(), catalogue, time.GetUtcNow());
        if (request.Purpose != disclosure.Purpose)
        {
            throw RequestValues.Bad("purpose", $"Disclosure '{disclosure.Id}' is registered for purpose {disclosure.Purpose}, not {request.Purpose}.");
        }

        return (disclosure, request);
    }

    private static bool WantsNdjson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return false;
        }

        foreach (var range in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var media = range.MediaType.Value;
            if (string.Equals(media, BulkResultWriter.Ndjson, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (media is "text/plain" or "text/*" or "*/*")
            {
                return false;
            }
        }

        throw new FhirErrorException(StatusCodes.Status406NotAcceptable, "not-supported",
            "$check-opt-outs answers text/plain (the numbers that may be used, as sent) or application/x-ndjson (every decision).");
    }

    private static void RequireTextBody(HttpRequest request)
    {
        if (request.ContentType is null || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return;
        }

        // Raw lines whatever the label, except structured types that show the client sent something else entirely.
        if (type.MediaType.Value is not ("text/plain" or "application/octet-stream" or "application/x-www-form-urlencoded"))
        {
            throw new FhirErrorException(StatusCodes.Status415UnsupportedMediaType, "not-supported",
                $"Send the list as text/plain (one NHS number per line, each followed by a comma), not {type.MediaType.Value}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Bulk check {Id}: {Count} numbers read in {ReadMs:F0} ms, decided and committed in {RunMs:F0} ms, answered in {WriteMs:F0} ms")]
    private static partial void LogChecked(ILogger logger, string id, long count, double readMs, double runMs, double writeMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Asynchronous bulk check {JobId} failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobId);
}
