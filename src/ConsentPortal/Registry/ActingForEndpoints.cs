using ConsentPortal.Identity;

namespace ConsentPortal.Registry;

/// <summary>Switching whose choices are shown (a form post with the antiforgery token, so it works without JavaScript).</summary>
public static class ActingForEndpoints
{
    /// <summary>Where the switch is posted (the pages' partial names it, and a switch sent after the session ended is kept for it).</summary>
    public const string Path = "/acting-for";

    /// <summary>Where a switch leads, and where one sent after the session ended is offered again.</summary>
    public const string ReturnTo = "/choices";

    public static IEndpointRouteBuilder MapActingFor(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, Switch).WithName("ActingFor").RequireAuthorization(PortalClaims.PatientPolicy);
        return app;
    }

    public static async Task<IResult> Switch(HttpContext context, ActingFor actingFor, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, CancellationToken ct)
    {
        string requested;
        try
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            requested = (await context.Request.ReadFormAsync(ct))["nhsNumber"].ToString();
        }
        catch (Exception ex) when (ex is InvalidDataException or Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
        {
            // A form that cannot be read (a NUL in a value, say) was not sent by the portal's page.
            return Results.BadRequest();
        }

        var (_, people) = await actingFor.CurrentAsync(ct);
        var chosen = people.FirstOrDefault(p => p.NhsNumber == requested) ?? people[0];
        context.Response.Cookies.Append(ActingFor.Cookie, chosen.NhsNumber, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });
        return Results.Redirect(ReturnTo);
    }
}
