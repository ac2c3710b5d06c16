using Microsoft.AspNetCore.Authorization;

namespace ConsentApi.Identity;

/// <summary>
/// What an endpoint needs from the token's scopes: a SMART permission (c, r, u, d or s) on a resource type, or one of
/// the registry's own scopes. A patient/ scope meets a resource requirement too; the endpoint then limits the data
/// to the patient's own (<see cref="PatientAccess"/>).
/// </summary>
public sealed record ScopeRequirement(string? Resource, char Permission, string? RegistryScope) : IAuthorizationRequirement
{
    public static ScopeRequirement On(string resource, char permission) => new(resource, permission, null);

    public static ScopeRequirement Registry(string scope) => new(null, ' ', scope);

    /// <summary>How a developer reads it in a 403: the scope that would have allowed the request.</summary>
    public string Describe() => RegistryScope ?? $"system/{Resource}.{Permission}";

    public bool IsMetBy(IEnumerable<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (RegistryScope is not null ? scope == RegistryScope
                : SmartScope.TryParse(scope, out var smart)
                    && (smart!.Allows("system", Resource!, Permission) || smart.Allows("patient", Resource!, Permission)))
            {
                return true;
            }
        }

        return false;
    }
}
