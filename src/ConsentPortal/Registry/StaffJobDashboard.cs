using ConsentPortal.Identity;

namespace ConsentPortal.Registry;

/// <summary>
/// Hangfire's job dashboard, which the registry serves at the same path, passed through for signed-in staff with the
/// member of staff's own token (the registry decides what they may see and do: analysts read, administrators act).
/// The portal's session is a cookie, so posts are refused unless they come from the portal's own pages.
/// </summary>
public static class StaffJobDashboard
{
    public const string Path = "/monitoring/hangfire";

    private static readonly string[] PassedHeaders = ["Content-Security-Policy", "Cache-Control", "Last-Modified", "ETag", "Expires"];

    public static IEndpointRouteBuilder MapStaffJobDashboard(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path + "/{**rest}", [HttpMethods.Get, HttpMethods.Post], Forward).WithName("JobDashboard")
            .RequireAuthorization(PortalClaims.StaffPolicy).DisableAntiforgery();
        return app;
    }

    public static async Task Forward(HttpContext context, RegistryApi api, CancellationToken ct)
    {
        var request = context.Request;
        var post = HttpMethods.IsPost(request.Method);
        if (post && !FromThisSite(request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var content = post ? new StreamContent(request.Body) : null;
        if (content is not null && request.ContentType is { } type)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        using var response = await api.ForwardAsync(post ? HttpMethod.Post : HttpMethod.Get, request.Path + request.QueryString, content, ct);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var name in PassedHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await response.Content.CopyToAsync(context.Response.Body, ct);
    }

    /// <summary>A browser's own say on where a post comes from (Sec-Fetch-Site, else Origin); anything else is refused.</summary>
    private static bool FromThisSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
