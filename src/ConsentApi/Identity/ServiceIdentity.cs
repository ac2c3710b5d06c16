namespace ConsentApi.Identity;

/// <summary>
/// The service's identity on the network: its issuer (public root URL, also the audience of client assertions and of
/// its own tokens), its FHIR base URL, and the host names it answers to. None is ever taken from a request. In
/// Production the registry refuses to start unless an operator has set them.
/// </summary>
public static class ServiceIdentity
{
    public static void RequireConfiguredServiceIdentity(this WebApplication app)
    {
        if (!app.Environment.IsProduction())
        {
            return;
        }

        var configuration = app.Configuration;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration[$"{AuthOptions.Section}:{nameof(AuthOptions.Issuer)}"]))
        {
            problems.Add("Auth:Issuer is not set: give the registry's public root URL (e.g. https://consent-registry.example).");
        }

        var allowed = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (allowed.Length == 0 || allowed.Contains("*"))
        {
            problems.Add("AllowedHosts is '*': list the host names the registry answers to (those of Auth:Issuer and Fhir:PublicBaseUrl), separated by ';'.");
        }
        else
        {
            foreach (var url in new[] { configuration["Auth:Issuer"], configuration["Fhir:PublicBaseUrl"] })
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !allowed.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"AllowedHosts does not list {uri.Host} (from {url}).");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The registry will not start in Production without its configured identity: " + string.Join(" ", problems));
        }
    }
}
