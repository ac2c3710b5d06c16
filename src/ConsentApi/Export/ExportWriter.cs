using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsentApi.Audit;
using ConsentApi.Persistence;
using FhirAdapters.Json;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Export;

/// <summary>
/// Writes an export's files, one type after another, each read as a stream from the database:
/// <list type="bullet">
/// <item>Consent: the current version of each Consent as of the job's snapshot (deleted ones left out), read in
/// (resource, version) index order so no sort or look-up is needed; versions after the snapshot are skipped in code.</item>
/// <item>AuditEvent: the access audit up to the job's time, in sequence order (a patient-level export leaves out
/// records about no patient, such as client administration).</item>
/// <item>DisclosureRegisterEntry: each register entry with its bulk checks' counts (JSON lines, not FHIR).</item>
/// </list>
/// Every 10,000 lines it reports progress (which also renews the job's lease and lets a cancel stop it).
/// </summary>
public sealed class ExportWriter(RegistryDbContext db, Func<IReadOnlyList<long>, CancellationToken, ValueTask> disclosed)
{
    private const int ReportEvery = 10_000;

    /// <summary>People whose Consents were written, handed to <c>disclosed</c> (the audit) this many at a time.</summary>
    private const int AuditEvery = 4096;

    public async Task<IReadOnlyList<ExportOutput>> WriteAsync(ExportJob job, string folder, Func<string, Task> report, CancellationToken ct)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        PrivateFiles.Folder(folder);
        var outputs = new List<ExportOutput>();
        var done = new List<string>();
        foreach (var type in job.Types.Split(','))
        {
            await using var sink = new NdjsonSink(folder, type);
            var prefix = string.Join("; ", done.Append($"{type}: "));
            Task Report() => report(prefix + sink.Total.ToString("N0", CultureInfo.InvariantCulture) + " written");
            switch (type)
            {
                case ExportTypes.Consent:
                    await WriteConsentsAsync(job, sink, Report, ct);
                    break;
                case ExportTypes.AuditEvent:
                    await WriteAuditAsync(job, sink, Report, ct);
                    break;
                default:
                    await WriteRegisterAsync(job, sink, ct);
                    break;
            }

            await sink.DisposeAsync();
            outputs.AddRange(sink.Outputs);
            done.Add($"{type}: {sink.Total.ToString("N0", CultureInfo.InvariantCulture)} done");
        }

        return outputs;
    }

    private async Task WriteConsentsAsync(ExportJob job, NdjsonSink sink, Func<Task> report, CancellationToken ct)
    {
        var rows = db.ConsentVersions.AsNoTracking().OrderBy(v => v.ResourceId).ThenBy(v => v.VersionId)
            .Select(v => new { v.Seq, v.ResourceId, v.IsDeleted, v.LastUpdatedTicks, v.ResourceJson, v.PatientNhsNumber }).AsAsyncEnumerable();
        string? resource = null;
        (bool Deleted, long Updated, string? Json, string? Patient)? latest = null;
        var people = new List<long>(AuditEvery);
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (row.ResourceId != resource)
            {
                await EmitAsync();
                (resource, latest) = (row.ResourceId, null);
            }

            if (row.Seq <= job.SnapshotSeq)
            {
                latest = (row.IsDeleted, row.LastUpdatedTicks, row.ResourceJson, row.PatientNhsNumber);
            }
        }

        await EmitAsync();
        if (people.Count > 0)
        {
            await disclosed(people, ct);
        }

        async Task EmitAsync()
        {
            if (latest is { Deleted: false, Json: { } json } current && (job.SinceTicks is null || current.Updated >= job.SinceTicks))
            {
                await sink.WriteAsync(Encoding.UTF8.GetBytes(json), ct);
                if (current.Patient is { } nhs && long.TryParse(nhs, NumberStyles.None, CultureInfo.InvariantCulture, out var person))
                {
                    people.Add(person);
                    if (people.Count == AuditEvery)
                    {
                        await disclosed(people, ct);
                        people = new List<long>(AuditEvery);
                    }
                }

                if (sink.Total % ReportEvery == 0)
                {
                    await report();
                }
            }
        }
    }

    private async Task WriteAuditAsync(ExportJob job, NdjsonSink sink, Func<Task> report, CancellationToken ct)
    {
        var query = db.AuditRecords.AsNoTracking().Where(r => r.RecordedTicks <= job.TransactionTicks);
        if (job.SinceTicks is { } since)
        {
            query = query.Where(r => r.RecordedTicks >= since);
        }

        if (job.Level == ExportEndpoints.PatientLevel)
        {
            query = query.Where(r => r.PatientNhsNumber != null || r.PatientCount > 0);
        }

        await foreach (var record in query.OrderBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            await sink.WriteAsync(FhirJson.SerializeToUtf8Bytes(AuditEventMapper.ToFhir(record, null, forThePerson: false)), ct);
            if (sink.Total % ReportEvery == 0)
            {
                await report();
            }
        }
    }

    private async Task WriteRegisterAsync(ExportJob job, NdjsonSink sink, CancellationToken ct)
    {
        var checks = (await db.BulkChecks.AsNoTracking().Where(c => c.RequestedTicks <= job.TransactionTicks).ToListAsync(ct)).ToLookup(c => c.DisclosureId);
        var entries = await db.Disclosures.AsNoTracking().Where(d => job.SinceTicks == null || d.CreatedTicks >= job.SinceTicks).OrderBy(d => d.Id).ToListAsync(ct);
        foreach (var d in entries)
        {
            var line = new RegisterLine("DisclosureRegisterEntry", d.Id, d.RecipientOds, d.RecipientName, d.Purpose, d.LegalBasis, d.DataDescription,
                d.OptOutsApply, new DateTimeOffset(d.CreatedTicks, TimeSpan.Zero),
                [.. checks[d.Id].OrderBy(c => c.RequestedTicks).Select(c => new RegisterCheck(c.Id, new DateTimeOffset(c.RequestedTicks, TimeSpan.Zero), c.AgentOrg,
                    c.Purpose, c.Checked, c.Excluded, c.Overridden, c.Invalid, c.Outcome))]);
            await sink.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line, RegisterLine.Json), ct);
        }
    }
}
