using System.Text.Json;
using ConsentApi.Audit;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Export;

/// <summary>
/// Runs queued exports on this instance, one at a time. A job is claimed with a conditional update that sets a lease;
/// the lease is renewed as lines are written, so a job whose instance died is started again from the beginning by
/// another (its partial files are deleted first). A cancel is noticed at the next progress report.
/// </summary>
public sealed partial class ExportWorker(IServiceScopeFactory scopes, ExportFiles files, ExportSignal signal, AuditLog audit, ClientRegistry clients,
    TimeProvider time, ILogger<ExportWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and runs one job; false when there was none to run.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow().UtcTicks;
        var job = await db.ExportJobs.AsNoTracking()
            .Where(j => j.Status == ExportJob.Queued || (j.Status == ExportJob.Running && j.LeaseTicks < now))
            .OrderBy(j => j.CreatedTicks).FirstOrDefaultAsync(ct);
        if (job is null || !await ClaimAsync(db, job, ct))
        {
            return job is not null;
        }

        files.Delete(job.Id);
        try
        {
            var client = clients.Find(job.ClientId);
            var actor = new AuditActor(IdentityClaims.ClientActor, job.ClientId, client?.OdsCode, client?.Name);

            // Every person whose Consent goes into the files is audited as read by the client, a part at a time.
            ValueTask Disclosed(IReadOnlyList<long> people, CancellationToken token) => audit.EnqueueAsync(
                new AuditEntry("export", "R", actor, [.. people.Distinct()], null, "$export: Consents written to the client's export files"), token);
            var outputs = await new ExportWriter(db, Disclosed).WriteAsync(job, files.Folder(job.Id), progress => RenewAsync(job.Id, progress, ct), ct);
            if (await FinishAsync(db, job.Id, ExportJob.Completed, s => s.SetProperty(j => j.OutputJson, JsonSerializer.Serialize(outputs, RegisterLine.Json))
                .SetProperty(j => j.Progress, "done"), ct) == 0
                && await db.ExportJobs.AnyAsync(j => j.Id == job.Id && j.Status == ExportJob.Cancelled, ct))
            {
                // Cancelled after its last progress report: its files go too.
                files.Delete(job.Id);
            }
        }
        catch (ExportCancelledException)
        {
            files.Delete(job.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogJobFailed(logger, job.Id, ex);
            files.Delete(job.Id);
            await FinishAsync(db, job.Id, ExportJob.Failed, s => s.SetProperty(j => j.Error, ex.Message), CancellationToken.None);
        }

        return true;
    }

    private async Task<bool> ClaimAsync(RegistryDbContext db, ExportJob job, CancellationToken ct)
    {
        var lease = time.GetUtcNow().Add(Lease).UtcTicks;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var claimed = await db.ExportJobs.Where(j => j.Id == job.Id && j.Status == job.Status && j.LeaseTicks == job.LeaseTicks)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJob.Running).SetProperty(j => j.LeaseTicks, lease).SetProperty(j => j.Progress, "starting"), ct);
        await transaction.CommitAsync(ct);
        return claimed == 1;
    }

    /// <summary>Records progress and renews the lease; stops the job if it was cancelled meanwhile.</summary>
    private async Task RenewAsync(string id, string progress, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var lease = time.GetUtcNow().Add(Lease).UtcTicks;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var renewed = await db.ExportJobs.Where(j => j.Id == id && j.Status == ExportJob.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseTicks, lease).SetProperty(j => j.Progress, progress), ct);
        await transaction.CommitAsync(ct);
        if (renewed == 0)
        {
            throw new ExportCancelledException();
        }
    }

    private async Task<int> FinishAsync(RegistryDbContext db, string id, string status,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExportJob>> set, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcTicks;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var finished = await db.ExportJobs.Where(j => j.Id == id && j.Status == ExportJob.Running).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.Status, status).SetProperty(j => j.FinishedTicks, now);
            set(s);
        }, ct);
        await transaction.CommitAsync(ct);
        return finished;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Export round failed; it will be retried")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {JobId} failed")]
    private static partial void LogJobFailed(ILogger logger, string jobId, Exception ex);
}
