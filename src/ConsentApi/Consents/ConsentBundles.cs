using System.Globalization;
using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using FhirAdapters.Outcomes;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Consents;

/// <summary>Builds searchset and history Bundles from stored versions, with paging links pinned to a snapshot.</summary>
public static class ConsentBundles
{
    public static StoredBundle Searchset(SearchRequest request, SearchPage page, string baseUrl, DateTimeOffset now)
    {
        var entries = new List<Bundle.EntryComponent>();
        var stored = new List<string?>();
        if (request.Ignored.Count > 0)
        {
            entries.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + Guid.NewGuid().ToString("D"), // a searchset entry needs one (bdl-15), though the outcome is not stored
                Resource = new OperationOutcome { Issue = [.. request.Ignored.Select(m => Issues.Of("warning", "not-supported", m))] },
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
            });
            stored.Add(null);
        }

        foreach (var v in page.Items)
        {
            entries.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/Consent/{v.ResourceId}",
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
            stored.Add(v.ResourceJson);
        }

        var link = new List<Bundle.LinkComponent> { Link("self", baseUrl, request.Applied, page.Snapshot, request.Offset) };
        if (!request.SummaryCount && request.Count > 0)
        {
            link.Add(Link("first", baseUrl, request.Applied, page.Snapshot, 0));
            if (request.Offset > 0)
            {
                link.Add(Link("previous", baseUrl, request.Applied, page.Snapshot, Math.Max(0, request.Offset - request.Count)));
            }

            if (page.HasMore)
            {
                link.Add(Link("next", baseUrl, request.Applied, page.Snapshot, request.Offset + request.Count));
            }
        }

        return new StoredBundle(new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdatedElement = FhirInstant.Element(now) },
            Type = Bundle.BundleType.Searchset,
            TimestampElement = FhirInstant.Element(now),
            Total = page.Total,
            Link = link,
            Entry = entries,
        }, stored);
    }

    public static StoredBundle History(SearchPage page, string baseUrl, string selfPath, IReadOnlyList<KeyValuePair<string, string>> applied,
        int count, int offset, DateTimeOffset now)
    {
        var link = new List<Bundle.LinkComponent> { PagedLink("self", baseUrl + selfPath, applied, page.Snapshot, offset) };
        if (offset > 0)
        {
            link.Add(PagedLink("previous", baseUrl + selfPath, applied, page.Snapshot, Math.Max(0, offset - count)));
        }

        if (page.HasMore)
        {
            link.Add(PagedLink("next", baseUrl + selfPath, applied, page.Snapshot, offset + count));
        }

        return new StoredBundle(new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdatedElement = FhirInstant.Element(now) },
            Type = Bundle.BundleType.History,
            TimestampElement = FhirInstant.Element(now),
            Link = link,
            Entry = [.. page.Items.Select(v => HistoryEntry(v, baseUrl))],
        }, [.. page.Items.Select(v => v.IsDeleted ? null : v.ResourceJson)]);
    }

    private static Bundle.EntryComponent HistoryEntry(ConsentVersion version, string baseUrl)
    {
        var lastModified = FhirInstant.Element(new DateTimeOffset(version.LastUpdatedTicks, TimeSpan.Zero));
        var (url, status) = version.Method == "POST" ? ("Consent", "201 Created") : ($"Consent/{version.ResourceId}", "200 OK");
        return new Bundle.EntryComponent
        {
            FullUrl = $"{baseUrl}/Consent/{version.ResourceId}",
            Request = new Bundle.RequestComponent
            {
                Method = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<Bundle.HTTPVerb>(version.Method) ?? Bundle.HTTPVerb.PUT,
                Url = url,
            },
            Response = new Bundle.ResponseComponent { Status = status, Etag = FhirResults.WeakETag(version.VersionId), LastModifiedElement = lastModified },
        };
    }


    private static Bundle.LinkComponent Link(string relation, string baseUrl, IReadOnlyList<KeyValuePair<string, string>> applied, long snapshot, int offset) =>
        PagedLink(relation, baseUrl + "/Consent", applied, snapshot, offset);

    private static Bundle.LinkComponent PagedLink(string relation, string path, IReadOnlyList<KeyValuePair<string, string>> applied, long snapshot, int offset)
    {
        var parameters = applied.Append(new("_snapshot", snapshot.ToString(CultureInfo.InvariantCulture)));
        if (offset > 0)
        {
            parameters = parameters.Append(new("_offset", offset.ToString(CultureInfo.InvariantCulture)));
        }

        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return new Bundle.LinkComponent { Relation = relation, Url = path + "?" + query };
    }
}
