using ConsentApi.Decisions;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Consents;

/// <summary>
/// Commits Consent writes. On SQLite, writes that arrive together share one transaction and one fsync (decision 22):
/// the first writer to find nobody committing leads; it opens the transaction, takes every write queued by then (its
/// own included) and runs each in turn under a savepoint of its own, so a write that fails (a 412, a duplicate) is
/// rolled back alone and the others go on. One COMMIT makes the batch durable, and only then is any writer answered.
/// The writes run one after another on one connection, so each sees the ones before it exactly as if it had committed
/// alone: the one-choice rule, If-Match and conditional create are checked as before. The next queued writer then leads
/// the next batch while this one's writers are answered.
/// On PostgreSQL each write has its own transaction: concurrent commits already share WAL flushes in the server.
/// </summary>
public sealed class GroupCommit(DecisionIndexSync decisions, ConsentWrites writes)
{
    /// <summary>The most writes one transaction takes; the rest wait for the next.</summary>
    internal const int MaxBatch = 64;

    private readonly Queue<Job> pending = new();
    private bool leading;
    private long batches;

    /// <summary>Transactions committed by batching on this node (SQLite only); tests use it to see that writes shared one.</summary>
    internal long BatchesCommitted => Interlocked.Read(ref batches);

    /// <summary>Writes queued for the next batch (SQLite only).</summary>
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
    /// Runs <paramref name="write"/> in a transaction on <paramref name="db"/> or, on SQLite, perhaps on another writer's
    /// context in a shared one; returns once the transaction has committed and this node's decision index has read it.
    /// The write must not commit: it checks, inserts and audits, and throws to refuse.
    /// </summary>
    public async Task<WriteResult> RunAsync(RegistryDbContext db, Func<RegistryDbContext, CancellationToken, Task<WriteResult>> write, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            WriteResult result;
            await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
            {
                result = await write(db, ct);
                await transaction.CommitAsync(CancellationToken.None);
            }

            await FollowAsync(IsWrite(result.Kind));
            return result;
        }

        var job = new Job(write, ct);
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
        try
        {
            db.ChangeTracker.Clear();
            await using var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None);
            lock (pending)
            {
                // Taken after BEGIN: every write that queued while this one waited for the database joins it.
                while (batch.Count < MaxBatch && pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            for (var i = 0; i < batch.Count; i++)
            {
                wrote |= await RunOneAsync(db, transaction, batch[i], i);
            }

            await transaction.CommitAsync(CancellationToken.None);
            Interlocked.Increment(ref batches);
        }
        catch (Exception ex)
        {
            // The transaction could not be opened or committed: nothing in it was kept, so no writer in it may be told otherwise.
            failed = ex;
            if (batch.Count == 0)
            {
                lock (pending)
                {
                    // It failed before taking the batch: the writers at the head (this one first) are told, not left waiting.
                    while (batch.Count < MaxBatch && pending.TryDequeue(out var next))
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
        await transaction.Transaction.CreateSavepointAsync(savepoint, CancellationToken.None);
        try
        {
            var result = await job.Write(db, job.Cancel);
            await transaction.Transaction.ReleaseSavepointAsync(savepoint, CancellationToken.None);
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

    private sealed class Job(Func<RegistryDbContext, CancellationToken, Task<WriteResult>> write, CancellationToken cancel)
    {
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
