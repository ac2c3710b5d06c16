using System.Net;
using System.Text.Json;

namespace ConsentPortal.Registry;

/// <summary>
/// The registry refused or failed a call. <see cref="Problem"/> is the API's own explanation (its OperationOutcome
/// diagnostics) for the person to read when it is about what they entered; <see cref="Reference"/> identifies the
/// failure in the portal's log.
/// </summary>
public sealed class RegistryApiException : Exception
{
    public RegistryApiException()
    {
    }

    public RegistryApiException(string message) : base(message)
    {
    }

    public RegistryApiException(string message, Exception inner) : base(message, inner)
    {
    }

    public HttpStatusCode Status { get; private init; }
    public string? Problem { get; private init; }
    public string? Field { get; private init; }
    public string Reference { get; private init; } = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>True when the person can fix it (a 4xx other than sign-in and permission problems).</summary>
    public bool IsInputProblem => (int)Status is >= 400 and < 500 && Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);

    public static async Task<RegistryApiException> FromAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        string? problem = null;
        string? field = null;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(RegistryApi.Json, ct);
            if (body.TryGetProperty("issue", out var issues) && issues.GetArrayLength() > 0)
            {
                var issue = issues[0];
                problem = issue.TryGetProperty("diagnostics", out var d) ? d.GetString() : null;
                field = issue.TryGetProperty("expression", out var e) && e.GetArrayLength() > 0 ? e[0].GetString() : null;
            }
        }
        catch (JsonException)
        {
            problem = null;
        }

        return new RegistryApiException($"The registry answered {(int)response.StatusCode} to {path}.")
        {
            Status = response.StatusCode,
            Problem = problem,
            Field = field,
        };
    }
}
