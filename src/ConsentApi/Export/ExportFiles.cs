using ConsentApi.Persistence;
using Microsoft.Extensions.Options;

namespace ConsentApi.Export;

/// <summary>
/// Where export files live: {DataDirectory}/exports/{job}/ on this instance (on several instances, point
/// Persistence:DataDirectory at shared storage). File names are checked here, so a request can never reach outside.
/// </summary>
public sealed class ExportFiles(IOptions<PersistenceOptions> persistence, IHostEnvironment environment)
{
    public string Folder(string jobId) => Path.Combine(persistence.Value.DataFolder(environment.ContentRootPath), "exports", jobId);

    /// <summary>The full path of one of a job's files, or null when the name is not a file name this registry writes.</summary>
    public string? File(string jobId, string name) =>
        name.Length is > 0 and < 100 && name.EndsWith(".ndjson", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            && !name.Contains("..", StringComparison.Ordinal) && Guid.TryParse(jobId, out _)
            ? Path.Combine(Folder(jobId), name)
            : null;

    public void Delete(string jobId)
    {
        var folder = Folder(jobId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
