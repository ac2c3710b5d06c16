using System.Globalization;
using System.Text.Json;
using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using FhirAdapters.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Consents;

/// <summary>Builds searchset and history Bundles from stored versions, with paging links pinned to a snapshot.</summary>
public static class ConsentBundles
{
    public static Bundle Searchset(SearchRequest request, SearchPage page, string baseUrl, DateTimeOffset now)
    {
        var entries = new List<BundleEntry>();
        if (request.Ignored.Count > 0)
        {
            entries.Add(new BundleEntry
            {
                Resource = new OperationOutcome { Issue = [.. request.Ignored.Select(m => OperationOutcomeIssue.Of("warning", "not-supported", m))] },
                Search = new BundleEntrySearch { Mode = "outcome" },
            });
        }

        entries.AddRange(page.Items.Select(v => new BundleEntry
        {
            FullUrl = $"{baseUrl}/Consent/{v.ResourceId}",
            Resource = Stored(v),
            Search = new BundleEntrySearch { Mode = "match" },
        }));

        var link = new List<BundleLink> { Link("self", baseUrl, request.Applied, page.Snapshot, request.Offset) };
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

        return new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdated = FhirDateTime.FormatInstant(now) },
            Type = "searchset",
            Timestamp = FhirDateTime.FormatInstant(now),
            Total = page.Total,
            Link = link,
            Entry = entries.Count > 0 ? entries : null,
        };
    }

    public static Bundle History(SearchPage page, string baseUrl, string selfPath, IReadOnlyList<KeyValuePair<string, string>> applied,
        int count, int offset, DateTimeOffset now)
    {
        var link = new List<BundleLink> { PagedLink("self", baseUrl + selfPath, applied, page.Snapshot, offset) };
        if (offset > 0)
        {
            link.Add(PagedLink("previous", baseUrl + selfPath, applied, page.Snapshot, Math.Max(0, offset - count)));
        }

        if (page.HasMore)
        {
            link.Add(PagedLink("next", baseUrl + selfPath, applied, page.Snapshot, offset + count));
        }

        return new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdated = FhirDateTime.FormatInstant(now) },
            Type = "history",
            Timestamp = FhirDateTime.FormatInstant(now),
            Link = link,
            Entry = page.Items.Count == 0 ? null : [.. page.Items.Select(v => HistoryEntry(v, baseUrl))],
        };
    }

    private static BundleEntry HistoryEntry(ConsentVersion version, string baseUrl)
    {
        var lastModified = FhirDateTime.FormatInstant(new DateTimeOffset(version.LastUpdatedTicks, TimeSpan.Zero));
        var (url, status) = version.Method == "POST" ? ("Consent", "201 Created") : ($"Consent/{version.ResourceId}", "200 OK");
        return new BundleEntry
        {
            FullUrl = $"{baseUrl}/Consent/{version.ResourceId}",
            Resource = version.IsDeleted ? null : Stored(version),
            Request = new BundleEntryRequest { Method = version.Method, Url = url },
            Response = new BundleEntryResponse { Status = status, Etag = FhirResults.WeakETag(version.VersionId), LastModified = lastModified },
        };
    }

    /// <summary>
    /// The stored canonical JSON, carried into the Bundle unchanged. Parsed once into a standalone element, which
    /// <see cref="RawResource"/> keeps without copying (Clone of a standalone element returns itself).
    /// </summary>
    public static RawResource Stored(ConsentVersion version) =>
        new("Consent", JsonSerializer.Deserialize<JsonElement>(version.ResourceJson!));

    private static BundleLink Link(string relation, string baseUrl, IReadOnlyList<KeyValuePair<string, string>> applied, long snapshot, int offset) =>
        PagedLink(relation, baseUrl + "/Consent", applied, snapshot, offset);

    private static BundleLink PagedLink(string relation, string path, IReadOnlyList<KeyValuePair<string, string>> applied, long snapshot, int offset)
    {
        var parameters = applied.Append(new("_snapshot", snapshot.ToString(CultureInfo.InvariantCulture)));
        if (offset > 0)
        {
            parameters = parameters.Append(new("_offset", offset.ToString(CultureInfo.InvariantCulture)));
        }

        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return new BundleLink { Relation = relation, Url = path + "?" + query };
    }
}
