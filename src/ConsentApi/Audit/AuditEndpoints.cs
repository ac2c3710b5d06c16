using ConsentApi.Identity;
using System.Globalization;
using ConsentApi.Fhir;
using ConsentApi.Persistence;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Audit;

/// <summary>GET /fhir/AuditEvent?patient=...: every recorded access to one person's choices, newest first, paged.</summary>
public static class AuditEndpoints
{
    private const int DefaultCount = 50;
    private const int MaxCount = 500;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir/AuditEvent").WithTags("AuditEvent").RequireAuthorization(AccessPolicies.AuditSearch);
        group.MapGet("", SearchAuditEvents).WithName("SearchAuditEvents");
        return app;
    }

    public static async Task<IResult> SearchAuditEvents(HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        var query = context.Request.Query;
        var unknown = query.Keys.Where(k => k is not ("patient" or "_count" or "_before" or "_format" or "_pretty")).ToList();
        if (unknown.Count > 0)
        {
            throw RequestValues.Bad(unknown[0], $"AuditEvent search supports patient, _count and _before only; '{string.Join("', '", unknown)}' is not supported.");
        }

        var patient = PatientAccess.Of(context.User);
        var asked = query["patient"].ToString().Replace("Patient?identifier=", string.Empty, StringComparison.Ordinal);
        if (patient is not null && asked.Length == 0 && patient.NhsNumbers.Count == 1)
        {
            asked = patient.NhsNumbers.First(); // a patient's own audit by default
        }

        var nhs = RequestValues.NhsNumber(asked, "patient");
        if (patient is not null && !patient.Allows(nhs.ToString("D10", CultureInfo.InvariantCulture)))
        {
            throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden", "You can see who checked your own choices (or those of people you are a proxy for) only.", "patient");
        }
        var count = (int)Math.Min(Number(query["_count"].ToString(), "_count", DefaultCount), int.MaxValue);
        if (count is < 1 or > MaxCount)
        {
            throw RequestValues.Bad("_count", $"_count must be between 1 and {MaxCount}.");
        }

        var before = Number(query["_before"].ToString(), "_before", long.MaxValue);
        var seqs = await AuditPersonIndex.SeqsAsync(db, nhs, before, count + 1, ct);
        var records = await db.AuditRecords.AsNoTracking().Where(r => seqs.Contains(r.Seq)).OrderByDescending(r => r.Seq).ToListAsync(ct);
        var hasMore = records.Count > count;
        var page = hasMore ? records[..count] : records;
        var baseUrl = FhirBaseUrl.Get(context);
        var self = $"{baseUrl}/AuditEvent?patient={nhs:D10}&_count={count}";
        var links = new List<Bundle.LinkComponent> { new() { Relation = "self", Url = before == long.MaxValue ? self : $"{self}&_before={before}" } };
        if (hasMore)
        {
            links.Add(new Bundle.LinkComponent { Relation = "next", Url = $"{self}&_before={page[^1].Seq}" });
        }

        return FhirResults.Resource(new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdatedElement = FhirInstant.Element(time.GetUtcNow()) },
            Type = Bundle.BundleType.Searchset,
            Link = links,
            Entry = [.. page.Select(r => new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/AuditEvent/{r.Seq.ToString(CultureInfo.InvariantCulture)}",
                Resource = AuditEventMapper.ToFhir(r, nhs, forThePerson: patient is not null),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
        });
    }

    private static long Number(string raw, string parameter, long fallback) =>
        string.IsNullOrEmpty(raw) ? fallback
        : long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw RequestValues.Bad(parameter, $"{parameter} must be a whole number, not '{raw}'.");
}
