using ConsentApi.Fhir;
using FhirAdapters.Primitives;

namespace ConsentApi.Subscriptions;

/// <summary>
/// What a subscription asks to hear about, from its criteria: <c>Consent</c> (every change the client may see), or
/// <c>Consent?</c> with any of <c>patient.identifier</c> (or <c>patient:identifier</c>, <c>patient</c>) as NHS
/// numbers, <c>policy</c> as policy URIs and <c>status</c>. Each parameter may list values separated by commas (any
/// of them); several parameters must all match. Anything else is refused when the subscription is written, naming the
/// part that is wrong, so a subscription never silently matches nothing.
/// </summary>
public sealed record SubscriptionCriteria(IReadOnlySet<string>? NhsNumbers, IReadOnlySet<string>? Policies, IReadOnlySet<string>? Statuses)
{
    private const string Element = "Subscription.criteria";
    private static readonly string[] Supported = ["patient.identifier", "patient:identifier", "patient", "policy", "status"];

    public static SubscriptionCriteria Parse(string criteria)
    {
        var (type, query) = criteria.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (criteria[..q], criteria[(q + 1)..]) : (criteria, "");
        if (type != "Consent")
        {
            throw Bad($"Subscription.criteria must start with 'Consent' (this registry notifies changes to Consent only), not '{type}'.");
        }

        HashSet<string>? nhs = null, policies = null, statuses = null;
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var values = (eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..])).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (values.Length == 0)
            {
                throw Bad($"Subscription.criteria parameter '{name}' has no value.");
            }

            switch (name)
            {
                case "patient.identifier" or "patient:identifier" or "patient":
                    nhs ??= new HashSet<string>(StringComparer.Ordinal);
                    nhs.UnionWith(values.Select(PatientValue));
                    break;
                case "policy":
                    policies ??= new HashSet<string>(StringComparer.Ordinal);
                    policies.UnionWith(values);
                    break;
                case "status":
                    statuses ??= new HashSet<string>(StringComparer.Ordinal);
                    statuses.UnionWith(values);
                    break;
                default:
                    throw Bad($"Subscription.criteria parameter '{name}' is not supported: use {string.Join(", ", Supported)}.");
            }
        }

        return new SubscriptionCriteria(nhs, policies, statuses);
    }

    /// <summary>Whether a Consent version (its person, status and policy URIs) is one this subscription wants.</summary>
    public bool Matches(string? nhsNumber, string? status, IReadOnlyCollection<string> policies) =>
        (NhsNumbers is null || (nhsNumber is not null && NhsNumbers.Contains(nhsNumber)))
        && (Statuses is null || (status is not null && Statuses.Contains(status)))
        && (Policies is null || policies.Any(Policies.Contains));

    private static string PatientValue(string value)
    {
        var bar = value.LastIndexOf('|');
        if (bar >= 0 && value[..bar] is { Length: > 0 } system && system != NhsNumber.System)
        {
            throw Bad($"Subscription.criteria: patients are identified by NHS number ({NhsNumber.System}|9434765919), not '{system}'.");
        }

        var number = value[(bar + 1)..];
        if (NhsNumber.Problem(number) is { } problem)
        {
            throw Bad($"Subscription.criteria: '{number}' is not a valid NHS number: {problem}");
        }

        return number;
    }

    private static FhirErrorException Bad(string message) => new(StatusCodes.Status422UnprocessableEntity, "invalid", message, Element);
}
