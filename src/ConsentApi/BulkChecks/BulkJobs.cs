using System.Collections.Concurrent;

namespace ConsentApi.BulkChecks;

/// <summary>
/// The asynchronous bulk checks on this node. Results are kept in temporary files for an hour (the national
/// service's results must not be kept long either) or until the client deletes them; a restart forgets them.
/// </summary>
public sealed class BulkJobs(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, BulkJob> jobs = new(StringComparer.Ordinal);

    public void Add(BulkJob job)
    {
        Expire();
        jobs[job.Id] = job;
    }

    public BulkJob? Find(string id)
    {
        Expire();
        return jobs.GetValueOrDefault(id);
    }

    public bool Remove(string id)
    {
        if (!jobs.TryRemove(id, out var job))
        {
            return false;
        }

        if (job.ResultPath is { } path)
        {
            File.Delete(path);
        }

        return true;
    }

    private void Expire()
    {
        foreach (var job in jobs.Values.Where(j => j.Finished && time.GetUtcNow() - j.Started > Keep).ToList())
        {
            Remove(job.Id);
        }
    }
}
