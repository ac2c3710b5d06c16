namespace ConsentApi.Identity;

/// <summary>
/// Headers every response carries: no sniffing, no framing, no referrer, a content security policy that allows nothing
/// (the API serves data, never pages; the exceptions are the sign-in pages, the staff job dashboard and the OpenAPI
/// reference UI, which get their own), and no caching of anything answered to an authenticated request.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The sign-in pages may use the registry's own copy of the design system's stylesheet and images, nothing else.</summary>
    public const string SignInContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var authenticated = context.Request.Headers.Authorization.Count > 0;
        // Decided here: by the time headers go out, the dashboard's branch has moved its prefix from Path to PathBase.
        var dashboard = context.Request.Path.StartsWithSegments(Monitoring.Jobs.JobDashboard.Path);
        var reference = context.Request.Path.StartsWithSegments(Operations.OpenApiExtensions.ReferencePath);
        var signIn = context.Request.Path.StartsWithSegments("/auth");
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = dashboard ? Monitoring.Jobs.JobDashboard.ContentSecurityPolicy
                : reference ? Operations.OpenApiExtensions.ReferenceContentSecurityPolicy(context)
                : signIn ? SignInContentSecurityPolicy
                : "default-src 'none'; frame-ancestors 'none'";
            if (authenticated && headers.CacheControl.Count == 0)
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
