using FhirAdapters.Outcomes;
using FhirAdapters.Validation;
using Hl7.Fhir.Utility;
using ConsentApi.Fhir;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Subscriptions;

/// <summary>
/// Reads a Subscription from a request and checks what this registry can honour: rest-hook only, an absolute https
/// endpoint (http only where allowed for development), an empty or FHIR JSON payload, well-formed headers, criteria
/// it understands and an end in the future. Each refusal names the element and says what would be accepted.
/// </summary>
public static class SubscriptionRequests
{
    public const string FhirJsonPayload = "application/fhir+json";
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Expect", "Upgrade", "TE", "Trailer", "Keep-Alive",
    };

    public static async Task<(Subscription Subscription, SubscriptionCriteria Criteria)> ReadAsync(HttpContext context, SubscriptionOptions options, DateTimeOffset now)
    {
        var (subscription, parseIssues) = await FhirRequestBody.ReadResourceAsync<Subscription>(context);
        if (subscription is null)
        {
            throw FhirRequestBody.Refused(parseIssues);
        }

        var issues = ProfileValidator.Shared.Validate(subscription).Issue.Where(i => i.IsError()).ToList();
        if (issues.Count > 0)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, new OperationOutcome { Issue = [.. issues] });
        }

        var channel = subscription.Channel!;
        if (channel.Type != Subscription.SubscriptionChannelType.RestHook)
        {
            throw Bad($"Subscription.channel.type '{channel.Type?.GetLiteral()}' is not offered: this registry sends rest-hook notifications only.", "Subscription.channel.type");
        }

        if (!Uri.TryCreate(channel.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http")
            || (endpoint.Scheme == "http" && !options.AllowHttpEndpoints) || !string.IsNullOrEmpty(endpoint.UserInfo) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            throw Bad("Subscription.channel.endpoint must be an absolute https URL without user name, password or fragment (e.g. https://gp-system.example/fhir/notify).",
                "Subscription.channel.endpoint");
        }

        if (channel.Payload is not (null or FhirJsonPayload))
        {
            throw Bad($"Subscription.channel.payload '{channel.Payload}' is not offered: leave it out for empty notifications, or use {FhirJsonPayload} to receive each Consent version.",
                "Subscription.channel.payload");
        }

        var headers = channel.Header.ToList();
        for (var i = 0; i < headers.Count; i++)
        {
            CheckHeader(headers[i] ?? "", i);
        }

        if (subscription.Status?.GetLiteral() == SubscriptionRecord.InError)
        {
            throw Bad("Subscription.status 'error' is set by the registry when an endpoint keeps failing: send 'requested' to (re)activate, or 'off' to pause.",
                "Subscription.status");
        }

        if (subscription.EndElement?.ToString() is { } end && (!FhirDateRange.TryParse(end, out var endsAt) || endsAt.Start <= now))
        {
            throw Bad($"Subscription.end '{end}' is not in the future: leave it out, or give a later instant.", "Subscription.end");
        }

        return (subscription, SubscriptionCriteria.Parse(subscription.Criteria!));
    }

    private static void CheckHeader(string header, int index)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        var name = colon > 0 ? header[..colon].Trim() : "";
        var value = colon > 0 ? header[(colon + 1)..].Trim() : "";
        var element = $"Subscription.channel.header[{index}]";
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || value.Length == 0 || value.Any(char.IsControl))
        {
            throw Bad($"{element} must be 'Name: value' (e.g. 'Authorization: Bearer abc'), with a letters-digits-hyphens name and no line breaks.", element);
        }

        if (ReservedHeaders.Contains(name))
        {
            throw Bad($"{element}: the registry sets {name} itself; it cannot be given here.", element);
        }
    }

    private static FhirErrorException Bad(string message, string element) => new(StatusCodes.Status422UnprocessableEntity, "invalid", message, element);
}
