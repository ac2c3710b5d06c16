namespace ConsentApi.Identity;

/// <summary>
/// A SMART on FHIR scope such as <c>system/Consent.rs</c>: a context (patient, user, system), a resource type (or *)
/// and permissions. v2 permissions are c, r, u, d, s in that order; v1 <c>read</c>, <c>write</c> and <c>*</c> are
/// accepted as rs, cud and cruds. Scopes that are not of this shape (the registry's own) are not SMART scopes.
/// </summary>
public sealed record SmartScope(string Context, string Resource, string Permissions)
{
    private const string Order = "cruds";

    public static bool TryParse(string scope, out SmartScope? parsed)
    {
        parsed = null;
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.LastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || dot == scope.Length - 1)
        {
            return false;
        }

        var context = scope[..slash];
        if (context is not ("patient" or "user" or "system"))
        {
            return false;
        }

        var resource = scope[(slash + 1)..dot];
        if (resource != "*" && !resource.All(char.IsAsciiLetter))
        {
            return false;
        }

        var permissions = scope[(dot + 1)..] switch
        {
            "read" => "rs",
            "write" => "cud",
            "*" => Order,
            var v2 when IsInOrder(v2) => v2,
            _ => null,
        };
        if (permissions is null)
        {
            return false;
        }

        parsed = new SmartScope(context, resource, permissions);
        return true;
    }

    /// <summary>Whether this scope allows the permission (one of c, r, u, d, s) on the resource type in the context.</summary>
    public bool Allows(string context, string resource, char permission) =>
        Context == context && (Resource == "*" || Resource == resource) && Permissions.Contains(permission, StringComparison.Ordinal);

    /// <summary>Whether everything this scope allows is also allowed by <paramref name="other"/> (for granting a subset).</summary>
    public bool IsWithin(SmartScope other) =>
        Context == other.Context && (other.Resource == "*" || other.Resource == Resource) && Permissions.All(other.Permissions.Contains);

    private static bool IsInOrder(string permissions)
    {
        var last = -1;
        foreach (var p in permissions)
        {
            var at = Order.IndexOf(p, StringComparison.Ordinal);
            if (at <= last)
            {
                return false;
            }

            last = at;
        }

        return permissions.Length > 0;
    }
}
