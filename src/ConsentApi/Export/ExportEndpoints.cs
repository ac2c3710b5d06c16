using System.Security.Claims;
using System.Text.Json;
using ConsentApi.Consents;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Export;

/// <summary>
/// FHIR Bulk Data export: kick-off at system or patient level (202 and a status URL), status polling (202 with
/// X-Progress while it runs, then the manifest), cancel with DELETE, and the NDJSON files. Only the client that asked
/// sees its export; each type needs the scope that reading it would.
/// </summary>
public static class ExportEndpoints
{
    public const string SystemLevel = "system";
    public const string PatientLevel = "patient";
    public const int ActivePerClient = 2;
    private static readonly string[] OutputFormats = ["application/fhir+ndjson", "application/ndjson", "ndjson"];
    private static readonly HashSet<string> Parameters = new(StringComparer.Ordinal) { "_type", "_since", "_outputFormat" };

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir").WithTags("Bulk export");
        group.MapGet("/$export", SystemExport).WithName("SystemExport");
        group.MapGet("/Patient/$export", PatientExport).WithName("PatientExport");
        group.MapGet("/$export-status/{id}", Status).WithName("ExportStatus");
        group.MapDelete("/$export-status/{id}", Cancel).WithName("CancelExport");
        group.MapGet("/$export-file/{id}/{file}", File).WithName("ExportFile");
        return app;
    }

    public static Task<IResult> SystemExport(HttpContext context, RegistryDbContext db, TimeProvider time, ExportSignal signal, CancellationToken ct) =>
        KickOffAsync(context, SystemLevel, ExportTypes.SystemLevel, db, time, signal, ct);

    public static Task<IResult> PatientExport(HttpContext context, RegistryDbContext db, TimeProvider time, ExportSignal signal, CancellationToken ct) =>
        KickOffAsync(context, PatientLevel, ExportTypes.PatientLevel, db, time, signal, ct);

    private static async Task<IResult> KickOffAsync(HttpContext context, string level, IReadOnlyList<string> offered, RegistryDbContext db, TimeProvider time,
        ExportSignal signal, CancellationToken ct)
    {
        var client = RequireClient(context.User);
        var query = context.Request.Query;
        if (query.Keys.FirstOrDefault(k => !Parameters.Contains(k)) is { } unknown)
        {
            throw Bad(unknown, $"Parameter '{unknown}' is not supported by this registry's $export: use _type, _since and _outputFormat.");
        }

        if (!context.Request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad("Prefer", "$export runs asynchronously: send the header 'Prefer: respond-async'.");
        }

        if (query["_outputFormat"].ToString() is { Length: > 0 } format && !OutputFormats.Contains(format))
        {
            throw Bad("_outputFormat", $"_outputFormat '{format}' is not offered: use application/fhir+ndjson.");
        }

        var types = query["_type"].ToString() is { Length: > 0 } typeList
            ? typeList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList()
            : [.. offered];
        if (types.FirstOrDefault(t => !offered.Contains(t)) is { } bad)
        {
            throw Bad("_type", $"_type '{bad}' cannot be exported at {level} level: choose from {string.Join(", ", offered)}.");
        }

        var scopes = ScopeHandler.TokenScopes(context.User).Where(s => s.StartsWith("system/", StringComparison.Ordinal)).ToList();
        foreach (var type in types)
        {
            if (ExportTypes.RequiredScope(type) is { } needed && !ScopeRequirement.On(type, 'r').IsMetBy(scopes))
            {
                throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden",
                    $"Exporting {type} needs the scope {needed}; ask for it, or leave {type} out of _type.");
            }
        }

        long? since = null;
        if (query["_since"].ToString() is { Length: > 0 } sinceText)
        {
            since = FhirDateRange.TryParse(sinceText, out var at) && sinceText.Contains('T', StringComparison.Ordinal)
                ? at.Start.UtcTicks
                : throw Bad("_since", $"_since '{sinceText}' is not a FHIR instant: give a full date and time with a zone, e.g. 2026-01-01T00:00:00Z.");
        }

        var now = time.GetUtcNow();
        var job = new ExportJob
        {
            Id = Guid.NewGuid().ToString(),
            ClientId = client,
            RequestUrl = $"{FhirBaseUrl.Get(context)}{context.Request.Path.Value![5..]}{context.Request.QueryString}",
            Level = level,
            Types = string.Join(',', types),
            SinceTicks = since,
            Status = ExportJob.Queued,
            SnapshotSeq = await db.CurrentSnapshotAsync(ct),
            TransactionTicks = now.UtcTicks,
            CreatedTicks = now.UtcTicks,
        };
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            // The count and the insert are one step per client (its write lock held to the commit), so kick-offs racing
            // each other cannot all see room under the limit.
            await db.AcquireAsync(["export-client:" + client], ct);
            if (await db.ExportJobs.CountAsync(j => j.ClientId == client && (j.Status == ExportJob.Queued || j.Status == ExportJob.Running), ct) >= ActivePerClient)
            {
                throw new FhirErrorException(StatusCodes.Status429TooManyRequests, "throttled",
                    $"This client already has {ActivePerClient} exports running: wait for one to finish, or cancel it with DELETE on its status URL.");
            }

            job.CreatedTicks = time.GetUtcNow().UtcTicks; // when it joined the client's active exports
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        signal.Queued();
        context.Response.Headers.ContentLocation = StatusUrl(context, job.Id);
        return FhirResults.Resource(Issues.Outcome("information", "informational",
            $"Export {job.Id} accepted; poll {StatusUrl(context, job.Id)} for progress and, when done, the manifest."), StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> Status(string id, HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        var job = await FindOwnAsync(db, id, RequireClient(context.User), ct);
        switch (job.Status)
        {
            case ExportJob.Queued or ExportJob.Running:
                context.Response.Headers["X-Progress"] = job.Progress ?? "queued";
                context.Response.Headers.RetryAfter = "2";
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case ExportJob.Failed:
                throw new FhirErrorException(StatusCodes.Status500InternalServerError, "exception",
                    $"Export {id} failed: {job.Error} Start a new export; nothing of this one is kept.");
            default:
                var baseUrl = FhirBaseUrl.Get(context);
                var outputs = JsonSerializer.Deserialize<List<ExportOutput>>(job.OutputJson!, RegisterLine.Json)!;
                return Results.Json(new
                {
                    transactionTime = FhirDateRange.FormatInstant(new DateTimeOffset(job.TransactionTicks, TimeSpan.Zero)),
                    request = job.RequestUrl,
                    requiresAccessToken = true,
                    output = outputs.Select(o => new { type = o.Type, url = $"{baseUrl}/$export-file/{job.Id}/{o.File}", count = o.Count }),
                    error = Array.Empty<object>(),
                });
        }
    }

    public static async Task<IResult> Cancel(string id, HttpContext context, RegistryDbContext db, ExportFiles files, CancellationToken ct)
    {
        var job = await FindOwnAsync(db, id, RequireClient(context.User), ct);
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            await db.ExportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJob.Cancelled), ct);
            await transaction.CommitAsync(ct);
        }

        if (job.Status != ExportJob.Running)
        {
            files.Delete(job.Id);
        }

        return FhirResults.Resource(Issues.Outcome("information", "informational", $"Export {id} was cancelled and its files deleted."),
            StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> File(string id, string file, HttpContext context, RegistryDbContext db, ExportFiles files, CancellationToken ct)
    {
        var job = await FindOwnAsync(db, id, RequireClient(context.User), ct);
        var outputs = job.Status == ExportJob.Completed ? JsonSerializer.Deserialize<List<ExportOutput>>(job.OutputJson!, RegisterLine.Json)! : [];
        if (!outputs.Any(o => o.File == file) || files.File(job.Id, file) is not { } path || !System.IO.File.Exists(path))
        {
            throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"Export {id} has no file '{file}': take file URLs from its manifest.");
        }

        return Results.File(path, "application/fhir+ndjson", enableRangeProcessing: true);
    }

    private static string StatusUrl(HttpContext context, string id) => $"{FhirBaseUrl.Get(context)}/$export-status/{id}";

    private static string RequireClient(ClaimsPrincipal user) =>
        PatientAccess.Of(user) is null && user.FindFirstValue(IdentityClaims.ClientId) is { } client
            ? client
            : throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden", "Bulk export is for client systems: sign in with the client credentials grant.");

    private static async Task<ExportJob> FindOwnAsync(RegistryDbContext db, string id, string client, CancellationToken ct) =>
        await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.ClientId == client && j.Status != ExportJob.Cancelled, ct)
        ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"There is no export '{id}' for this client (it may have been cancelled).");

    private static FhirErrorException Bad(string parameter, string message) => new(StatusCodes.Status400BadRequest, "invalid", message, parameter);
}
