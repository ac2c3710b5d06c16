namespace ConsentPortal;

/// <summary>
/// Headers every portal page carries: its own scripts, styles and forms only (it uses no script at all today), no
/// framing, no MIME sniffing, no referrer beyond the origin.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (headers.ContentSecurityPolicy.Count == 0)
            {
                // The job dashboard passes on the registry's own, narrower policy for Hangfire's pages.
                headers.ContentSecurityPolicy = Policy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
