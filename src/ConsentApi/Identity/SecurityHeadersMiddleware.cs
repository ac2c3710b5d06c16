namespace ConsentApi.Identity;

/// <summary>
/// Headers every response carries: no sniffing, no framing, no referrer, a content security policy that allows nothing
/// (the API serves data, never pages), and no caching of anything answered to an authenticated request.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var authenticated = context.Request.Headers.Authorization.Count > 0;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            if (authenticated && headers.CacheControl.Count == 0)
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
