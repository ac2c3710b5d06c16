using System.Collections.Concurrent;
using ConsentApi.Persistence;
using Microsoft.Extensions.Options;

namespace ConsentApi.BulkChecks;

/// <summary>
/// The asynchronous bulk checks on this node. Results are kept in the registry's own data folder
/// ({DataDirectory}/bulk-results, 0700; files 0600) for an hour (the national service's results must not be kept long
/// either) or until the client deletes them; a restart forgets them. A check is found only by the client that asked.
/// </summary>
public sealed class BulkJobs(TimeProvider time, IHostEnvironment environment, IOptions<PersistenceOptions> persistence)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, BulkJob> jobs = new(StringComparer.Ordinal);

    public void Add(BulkJob job)
    {
        Expire();
        jobs[job.Id] = job;
    }

    /// <summary>The check, if it exists and <paramref name="owner"/> asked for it; null otherwise (one answer for both).</summary>
    public BulkJob? Find(string id, string owner)
    {
        Expire();
        return jobs.GetValueOrDefault(id) is { } job && job.Owner == owner ? job : null;
    }

    public bool Remove(string id, string owner) => Find(id, owner) is not null && Remove(id);

    /// <summary>Where a check's result file goes: the registry's own folder, never the shared temporary folder.</summary>
    public string ResultPath(string id) =>
        Path.Combine(PrivateFiles.Folder(Path.Combine(persistence.Value.DataFolder(environment.ContentRootPath), "bulk-results")), $"check-{id}.out");

    private bool Remove(string id)
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
