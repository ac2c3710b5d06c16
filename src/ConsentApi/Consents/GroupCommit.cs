using ConsentApi.Audit;
using ConsentApi.Decisions;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Consents;

/// <summary>
/// Commits Consent writes. Writes that arrive together share one transaction and one flush to disk (decisions 22 and
/// 25): the first writer to find nobody committing leads; it opens the transaction, takes every write queued by then
/// (its own included) and runs each in turn under a savepoint of its own, so a write that fails (a 412, a duplicate)
/// is rolled back alone and the others go on. The audit records of the writes that succeeded are then appended to the
/// chain in one go, and one COMMIT makes the batch durable; only then is any writer answered. The writes run one after
/// another on one connection, so each sees the ones before it exactly as if it had committed alone: the one-choice
/// rule, If-Match and conditional create are checked as before. The next queued writer then leads the next batch
/// while this one's writers are answered. On PostgreSQL a batch takes the audit chain's lock before anything else, so
/// batches of every node take their locks in one order and cannot deadlock.
/// </summary>
public sealed class GroupCommit(DecisionIndexSync decisions, ConsentWrites writes, TimeProvider time)
{
    /// <summary>The most writes one transaction takes on SQLite; the rest wait for the next.</summary>
    internal const int MaxBatch = 64;

    /// <summary>
    /// The most on PostgreSQL: each write's savepoint is a subtransaction, and past 64 in one transaction every other
    /// session's snapshots must look them up on disk (the subtransaction cache overflows).
    /// </summary>
    internal const int MaxBatchPostgres = 32;

    private readonly Queue<Job> pending = new();
    private bool leading;
    private long batches;

    /// <summary>Transactions committed by batching on this node; tests use it to see that writes shared one.</summary>
    internal long BatchesCommitted => Interlocked.Read(ref batches);

    /// <summary>Writes queued for the next batch.</summary>
    internal int Queued
    {
        get
        {
            lock (pending)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction, perhaps on another writer's context in a shared one; returns once
    /// the transaction has committed and this node's decision index has read it. The write must not commit or audit: it
    /// checks and inserts, returns its audit record in <see cref="WriteResult.Audit"/>, and throws to refuse. It runs
    /// holding the write locks named by <paramref name="keys"/> (<see cref="WriteLocks"/>), taken with its savepoint.
    /// </summary>
    public async Task<WriteResult> RunAsync(RegistryDbContext db, IReadOnlyList<string> keys, Func<RegistryDbContext, CancellationToken, Task<WriteResult>> write, CancellationToken ct)
    {
        var job = new Job(keys, write, ct);
        bool lead;
        lock (pending)
        {
            pending.Enqueue(job);
            lead = !leading;
            leading = true;
        }

        if (!lead)
        {
            // Not cancellable: a writer handed the lead must take it, or the queue behind it would stall.
            await Task.WhenAny(job.Result.Task, job.Lead.Task);
        }

        if (lead || job.Lead.Task.IsCompleted)
        {
            await LeadAsync(db);
        }

        return await job.Result.Task;
    }

    /// <summary>Runs one batch on this writer's context, hands the lead on, then answers the batch's writers.</summary>
    private async Task LeadAsync(RegistryDbContext db)
    {
        List<Job> batch = [];
        Exception? failed = null;
        var wrote = false;
        var postgres = db.Database.IsNpgsql();
        var most = postgres ? MaxBatchPostgres : MaxBatch;
        try
        {
            db.ChangeTracker.Clear();
            await using var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None);
            if (postgres)
            {
                // The chain's lock first, before any write's own keys: every batch on every node takes its locks in this
                // order. (A batch that took a person's key first, then waited for the chain, could deadlock with another
                // node's batch holding the chain and waiting for that key.)
                await db.AcquireAsync([AuditAppender.ChainLock], CancellationToken.None);
            }

            lock (pending)
            {
                // Taken after BEGIN (and the chain's lock): every write that queued while this one waited joins it.
                while (batch.Count < most && pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            for (var i = 0; i < batch.Count; i++)
            {
                wrote |= await RunOneAsync(db, transaction, batch[i], i);
            }

            var audits = batch.Where(j => j.Outcome is { IsCompletedSuccessfully: true, Result.Audit: not null }).Select(j => j.Outcome!.Result.Audit!).ToList();
            if (audits.Count > 0)
            {
                await AuditAppender.AppendAsync(db, transaction.Transaction, audits, WriteClock.Now(time), CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            Interlocked.Increment(ref batches);
        }
        catch (Exception ex)
        {
            // The transaction could not be opened, audited or committed: nothing in it was kept, so no writer in it may be told otherwise.
            failed = ex;
            if (batch.Count == 0)
            {
                lock (pending)
                {
                    // It failed before taking the batch: the writers at the head (this one first) are told, not left waiting.
                    while (batch.Count < most && pending.TryDequeue(out var next))
                    {
                        batch.Add(next);
                    }
                }
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            HandOn();
        }

        if (failed is null && wrote)
        {
            await FollowAsync(wrote: true);
        }

        foreach (var job in batch)
        {
            if (failed is not null)
            {
                job.Result.TrySetException(failed);
            }
            else
            {
                job.Answer();
            }
        }
    }

    /// <summary>Runs one write under its own savepoint; a refusal or failure rolls back that write alone.</summary>
    private static async Task<bool> RunOneAsync(RegistryDbContext db, WriteTransaction transaction, Job job, int index)
    {
        if (job.Cancel.IsCancellationRequested)
        {
            job.Outcome = Task.FromCanceled<WriteResult>(job.Cancel);
            return false;
        }

        var savepoint = "w" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.SavepointAndLockAsync(savepoint, job.Keys, CancellationToken.None);
        try
        {
            var result = await job.Write(db, job.Cancel);
            // Not released: the batch's COMMIT ends every savepoint, and a RELEASE would cost PostgreSQL a round trip a
            // write. The next write's savepoint nests inside this one, which changes nothing: a later write rolls back
            // only to its own.
            job.Outcome = Task.FromResult(result);
            return IsWrite(result.Kind);
        }
        catch (Exception ex)
        {
            // If even the rollback fails, the transaction is unusable: the whole batch fails and nothing is kept.
            await transaction.Transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            await transaction.Transaction.ReleaseSavepointAsync(savepoint, CancellationToken.None);
            job.Outcome = Task.FromException<WriteResult>(ex);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Gives the lead to the oldest queued writer, or gives it up when none is waiting.</summary>
    private void HandOn()
    {
        Job? next;
        lock (pending)
        {
            if (!pending.TryPeek(out next))
            {
                leading = false;
            }
        }

        next?.Lead.TrySetResult();
    }

    /// <summary>After a commit: the decision index reads it (so the next decision here sees it) and subscription delivery is woken.</summary>
    private async Task FollowAsync(bool wrote)
    {
        if (wrote)
        {
            writes.Committed();
            await decisions.AfterWriteAsync(CancellationToken.None);
        }
    }

    private static bool IsWrite(WriteKind kind) => kind is WriteKind.Created or WriteKind.Updated or WriteKind.Deleted;

    private sealed class Job(IReadOnlyList<string> keys, Func<RegistryDbContext, CancellationToken, Task<WriteResult>> write, CancellationToken cancel)
    {
        public IReadOnlyList<string> Keys { get; } = keys;

        public Func<RegistryDbContext, CancellationToken, Task<WriteResult>> Write { get; } = write;

        public CancellationToken Cancel { get; } = cancel;

        /// <summary>Set when this writer is to lead the next batch.</summary>
        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once the batch holding this write has committed (or failed).</summary>
        public TaskCompletionSource<WriteResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the write did inside the batch; told to the writer only after the commit.</summary>
        public Task<WriteResult>? Outcome { get; set; }

        public void Answer()
        {
            switch (Outcome)
            {
                case { IsCanceled: true }:
                    Result.TrySetCanceled(Cancel);
                    break;
                case { IsFaulted: true } faulted:
                    Result.TrySetException(faulted.Exception!.InnerExceptions);
                    break;
                case { } done:
                    Result.TrySetResult(done.Result);
                    break;
                default:
                    Result.TrySetException(new InvalidOperationException("A batched Consent write was never run."));
                    break;
            }
        }
    }
}
