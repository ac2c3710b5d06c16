using System.Buffers;
using System.Diagnostics;
using System.Text;
using ConsentApi.Consents;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentApi.Decisions;

/// <summary>
/// Keeps the <see cref="DecisionIndex"/> in step with the database. At start-up it builds the index from every
/// current active Consent; after that it reads new versions in sequence order: straight after each write on this
/// node (so the next decision here sees it) and every few hundred milliseconds for writes made on other nodes.
/// One path, one lock, database order: a late reader can never put back a choice that a newer version removed.
/// After a start the build runs beside serving (<see cref="StartBuilding"/>): writes made meanwhile are not waited for but
/// read in before the index is marked ready, so a decision never misses an acknowledged write (decision 21).
/// </summary>
public sealed partial class DecisionIndexSync(IServiceScopeFactory scopes, DecisionIndex index, PolicyCatalogue catalogue,
    TimeProvider time, IOptions<DecisionOptions> options, Operations.RegistryMetrics metrics, Operations.LowPriorityScheduler background,
    ILogger<DecisionIndexSync> logger) : IDisposable
{
    private const int BatchSize = 10_000;
    private const int RebuildBatch = 8192;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<long, long> gaps = [];
    private int writesFollow;

    /// <summary>
    /// Builds the index beside serving, after a start. Reads, searches and writes are answered meanwhile; anything that
    /// needs a decision is refused with a 503 until the index is ready. A build that fails stops the node: one that could
    /// never decide must not keep answering as if it might. It runs on the low-priority threads,
    /// its parallel parsing included, so that requests come first while it builds (decision 28).
    /// </summary>
    public Task StartBuilding(IHostApplicationLifetime lifetime) => background.Run(async () =>
    {
        try
        {
            await RebuildAsync(lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopped before it finished: nothing to report.
        }
        catch (Exception ex)
        {
            LogBuildFailed(logger, ex);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }, CancellationToken.None);

    /// <summary>
    /// Builds the index from scratch: one pass over every version in sequence order (a sequential read of the table,
    /// no per-row look-ups), Consents parsed in parallel a batch at a time, applied in order.
    /// </summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var watch = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            var snapshot = await db.CurrentSnapshotAsync(ct);
            var built = new Dictionary<long, PatientChoices>((int)Math.Min(snapshot, 100_000_000));
            var rows = db.ConsentVersions.AsNoTracking().Where(v => v.Seq <= snapshot).OrderBy(v => v.Seq)
                .Select(v => new VersionRow(v.Seq, v.ResourceId, v.VersionId, v.IsDeleted, v.Status, v.PatientNhsNumber, v.LastUpdatedTicks,
                    v.Status == "active" ? v.ResourceJson : null))
                .AsAsyncEnumerable();
            var batch = new List<VersionRow>(RebuildBatch);
            await foreach (var row in rows.WithCancellation(ct))
            {
                batch.Add(row);
                if (batch.Count == RebuildBatch)
                {
                    await ApplyBatchAsync(db, built, batch, ct);
                    batch.Clear();
                }
            }

            await ApplyBatchAsync(db, built, batch, ct);
            index.Load(built, snapshot);
            gaps.Clear();
            await CatchUpUntilReadyAsync(ct);
            var choices = built.Values.Sum(c => c.Count);
            LogRebuilt(logger, choices, built.Count, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ApplyBatchAsync(RegistryDbContext db, Dictionary<long, PatientChoices> built, List<VersionRow> batch, CancellationToken ct)
    {
        var compiled = new (long Nhs, Choice Choice)?[batch.Count];
        // On the scheduler the build runs on (the low-priority threads at start-up, decision 28), not the shared pool.
        Parallel.For(0, batch.Count, new ParallelOptions { TaskScheduler = TaskScheduler.Current }, i => compiled[i] = Compile(batch[i].ResourceId, batch[i].VersionId, batch[i].LastUpdatedTicks, batch[i].Json));
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            if (row.VersionId > 1)
            {
                // A later version replaces the earlier one wherever it is (almost always the same person).
                var nhs = ParseNhs(row.PatientNhsNumber);
                if (nhs is not { } same || !Remove(built, same, row.ResourceId))
                {
                    if (await PreviousPatientAsync(db, row.ResourceId, row.VersionId, ct) is { } before)
                    {
                        Remove(built, before, row.ResourceId);
                    }
                }
            }

            if (compiled[i] is { } added)
            {
                built[added.Nhs] = built.TryGetValue(added.Nhs, out var existing)
                    ? PatientChoices.Of([.. existing.ToList(), added.Choice])
                    : PatientChoices.Of([added.Choice]);
            }
        }
    }

    private static bool Remove(Dictionary<long, PatientChoices> built, long nhs, string resourceId)
    {
        if (!built.TryGetValue(nhs, out var choices))
        {
            return false;
        }

        var list = choices.Without(resourceId);
        if (list.Count == choices.Count)
        {
            return false;
        }

        if (list.Count == 0)
        {
            built.Remove(nhs);
        }
        else
        {
            built[nhs] = PatientChoices.Of(list);
        }

        return true;
    }

    /// <summary>
    /// Reads in what was written while the index was built, then marks it ready. From the moment writes start catching up
    /// themselves (<see cref="AfterWriteAsync"/>), a write that did not had already committed, so the last pass reads it.
    /// </summary>
    private async Task CatchUpUntilReadyAsync(CancellationToken ct)
    {
        await DrainAsync(ct);
        Interlocked.Exchange(ref writesFollow, 1);
        await DrainAsync(ct);
        index.MarkReady();
    }

    /// <summary>
    /// After a write on this node has committed: reads it in, so the next decision here sees it. While the index is being
    /// built the write does not wait: the build reads it in before the index is marked ready.
    /// </summary>
    public Task AfterWriteAsync(CancellationToken ct) => Volatile.Read(ref writesFollow) == 1 ? CatchUpAsync(ct) : Task.CompletedTask;

    /// <summary>Applies every version written since the index was last brought up to date (waiting for it to be built).</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        await index.Ready.WaitAsync(ct);
        await gate.WaitAsync(ct);
        try
        {
            await DrainAsync(ct);
            ForgetOldGaps();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads in batches until one comes back short: everything committed so far (the caller holds the gate).</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        while (await CatchUpBatchAsync(ct) == BatchSize)
        {
        }
    }

    private async Task<int> CatchUpBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var from = index.AppliedSeq;
        var watched = gaps.Keys.ToList();
        var rows = await db.ConsentVersions.AsNoTracking()
            .Where(v => v.Seq > from || watched.Contains(v.Seq))
            .OrderBy(v => v.Seq)
            .Select(v => new { v.Seq, v.ResourceId, v.VersionId, v.IsDeleted, v.Status, v.PatientNhsNumber, v.LastUpdatedTicks, v.ResourceJson })
            .Take(BatchSize)
            .ToListAsync(ct);
        var expected = from + 1;
        foreach (var row in rows)
        {
            gaps.Remove(row.Seq);
            for (; expected < row.Seq && row.Seq > from; expected++)
            {
                gaps[expected] = time.GetTimestamp();
            }

            expected = Math.Max(expected, row.Seq + 1);
            var previous = row.VersionId > 1 ? await PreviousPatientAsync(db, row.ResourceId, row.VersionId, ct) : null;
            var compiled = row.IsDeleted || row.Status != "active" || row.PatientNhsNumber is null
                ? null
                : Compile(row.ResourceId, row.VersionId, row.LastUpdatedTicks, row.ResourceJson);
            index.Apply(row.ResourceId, previous, compiled?.Nhs ?? ParseNhs(row.PatientNhsNumber), compiled?.Choice, row.Seq);
            metrics.IndexCaughtUp(time.GetUtcNow() - new DateTimeOffset(row.LastUpdatedTicks, TimeSpan.Zero));
        }

        return rows.Count;
    }

    public void Dispose() => gate.Dispose();

    private void ForgetOldGaps()
    {
        var limit = TimeSpan.FromSeconds(options.Value.GapWatchSeconds);
        foreach (var (seq, seen) in gaps.ToList())
        {
            if (time.GetElapsedTime(seen) > limit)
            {
                gaps.Remove(seq);
            }
        }
    }

    internal (long Nhs, Choice Choice)? Compile(string resourceId, int versionId, long lastUpdatedTicks, string? json)
    {
        if (json is null)
        {
            return null;
        }

        var consent = ReadForDecision(json);
        if (consent.Status != Consent.ConsentState.Active || consent.Patient?.Identifier is not { System: NhsNumber.System, Value: { } value }
            || !NhsNumber.TryParse(value, out var nhs))
        {
            return null;
        }

        var policy = catalogue.IndexOf(consent);
        if (policy < 0)
        {
            return null;
        }

        var recorded = FhirDateRange.TryParse(consent.DateTime, out var dateTime) ? dateTime.Start.UtcTicks : lastUpdatedTicks;
        return (nhs, new Choice(resourceId, versionId, policy, recorded, ProvisionRule.Compile(consent.Provision)));
    }

    /// <summary>The elements a decision depends on (<see cref="DecisionElementsReader"/>), or the whole version when the reader declines.</summary>
    internal static Consent ReadForDecision(string json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return DecisionElementsReader.TryRead(buffer.AsSpan(0, length)) ?? FhirJson.Parse<Consent>(json);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whose choice the version before <paramref name="versionId"/> was (a tombstone or a move does not say).</summary>
    private static async Task<long?> PreviousPatientAsync(RegistryDbContext db, string resourceId, int versionId, CancellationToken ct) =>
        ParseNhs(await db.ConsentVersions.AsNoTracking()
            .Where(v => v.ResourceId == resourceId && v.VersionId == versionId - 1)
            .Select(v => v.PatientNhsNumber).FirstOrDefaultAsync(ct));

    private static long? ParseNhs(string? value) => value is not null && NhsNumber.TryParse(value, out var nhs) ? nhs : null;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Building the decision index failed; this node cannot decide and is stopping")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision index built: {Choices} active choices for {People} people in {Seconds:F1} s")]
    private static partial void LogRebuilt(ILogger logger, int choices, int people, double seconds);

    private sealed record VersionRow(long Seq, string ResourceId, int VersionId, bool IsDeleted, string? Status, string? PatientNhsNumber,
        long LastUpdatedTicks, string? Json);
}
