using FhirAdapters.Primitives;

namespace ConsentApi.Audit;

/// <summary>Records a read-type access (read, vread, search, history) against every person whose Consents it returned.</summary>
public static class AccessAudit
{
    public static ValueTask RecordReadAsync(this AuditLog audit, HttpContext context, string kind, IEnumerable<string?> nhsNumbers, CancellationToken ct)
    {
        var patients = nhsNumbers.Select(n => n is not null && NhsNumber.TryParse(n, out var nhs) ? nhs : 0).Where(n => n != 0).Distinct().ToList();
        if (patients.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var detail = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
        return audit.EnqueueAsync(new AuditEntry(kind, "R", AuditActor.From(context), patients, null, detail[..Math.Min(detail.Length, 1000)]), ct);
    }
}
