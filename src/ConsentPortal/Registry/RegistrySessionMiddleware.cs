using System.Net;

namespace ConsentPortal.Registry;

/// <summary>
/// When the registry says the person's token is no longer good (it expired, or they were signed out there), send
/// them to sign in again and back to the page they were on, instead of showing an error.
/// </summary>
public sealed class RegistrySessionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (RegistryApiException ex) when (ex.Status == HttpStatusCode.Unauthorized && !context.Response.HasStarted)
        {
            context.Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }
    }
}
