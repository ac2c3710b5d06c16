namespace ConsentApi.Consents.Search;

/// <summary>
/// The search GP systems make all day: one person's current Consents by NHS number, perhaps narrowed to one status or
/// one policy, first page, newest first. <see cref="PatientSearch"/> answers it with one hand-written statement
/// instead of the general LINQ translation (decision 20). Any other shape, however close, takes the general path.
/// </summary>
public sealed record NarrowSearch(string NhsNumber, string? Status, string? Policy)
{
    private static readonly char[] Special = [',', '\\', '|'];

    /// <summary>The narrow form of <paramref name="request"/>, or null when it asks for anything more.</summary>
    public static NarrowSearch? Of(SearchRequest request)
    {
        if (request.Sort.Count > 0 || request.IncludeTotal || request.SummaryCount || request.Count == 0 || request.Offset != 0
            || request.Snapshot is not null)
        {
            return null;
        }

        string? nhsNumber = null, status = null, policy = null;
        foreach (var (key, value) in request.Applied)
        {
            switch (key)
            {
                case "patient:identifier" or "patient.identifier" when nhsNumber is null && Patient(value) is { } number:
                    nhsNumber = number;
                    break;
                case "status" when status is null && StatusCode(value) is { } code:
                    status = code;
                    break;
                case "policy" when policy is null && Plain(value):
                    policy = value;
                    break;
                case "_count" or "_elements" or "_summary":
                    break;
                default:
                    return null;
            }
        }

        return nhsNumber is null ? null : new NarrowSearch(nhsNumber, status, policy);
    }

    private static string? Patient(string value)
    {
        var prefix = FhirAdapters.Primitives.NhsNumber.System + "|";
        return value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length && Plain(value[prefix.Length..])
            ? value[prefix.Length..]
            : null;
    }

    private static string? StatusCode(string value)
    {
        var prefix = ConsentIndexer.StatusSystem + "|";
        var code = value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
        return code.Length > 0 && Plain(code) ? code : null;
    }

    private static bool Plain(string value) => value.Length > 0 && value.IndexOfAny(Special) < 0;
}
