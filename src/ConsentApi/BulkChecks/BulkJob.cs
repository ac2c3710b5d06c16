namespace ConsentApi.BulkChecks;

/// <summary>
/// An asynchronous bulk check (Prefer: respond-async): its progress, then its result file or its error. It belongs to
/// the client that asked (<see cref="Owner"/>): to anybody else it does not exist.
/// </summary>
public sealed class BulkJob(string id, string owner, long total, bool ndjson, DateTimeOffset started)
{
    private long done;

    public string Id { get; } = id;
    public string Owner { get; } = owner;
    public long Total { get; } = total;
    public bool Ndjson { get; } = ndjson;
    public DateTimeOffset Started { get; } = started;
    public long Done => Interlocked.Read(ref done);
    public string? ResultPath { get; set; }
    public Hl7.Fhir.Model.OperationOutcome? Error { get; set; }
    public int ErrorStatus { get; set; }
    public bool Finished => ResultPath is not null || Error is not null;

    public IProgress<long> Reporter => new ProgressReporter(this);

    private sealed class ProgressReporter(BulkJob job) : IProgress<long>
    {
        public void Report(long value) => Interlocked.Exchange(ref job.done, value);
    }
}
