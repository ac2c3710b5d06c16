using ConsentPortal.Identity;

namespace ConsentPortal.Registry;

/// <summary>Switching whose choices are shown (a form post, so it works without JavaScript).</summary>
public static class ActingForEndpoints
{
    public static IEndpointRouteBuilder MapActingFor(this IEndpointRouteBuilder app)
    {
        app.MapPost("/acting-for", Switch).WithName("ActingFor").RequireAuthorization(PortalClaims.PatientPolicy);
        return app;
    }

    public static async Task<IResult> Switch(HttpContext context, ActingFor actingFor, CancellationToken ct)
    {
        var form = await context.Request.ReadFormAsync(ct);
        var (_, people) = await actingFor.CurrentAsync(ct);
        var chosen = people.FirstOrDefault(p => p.NhsNumber == form["nhsNumber"].ToString()) ?? people[0];
        context.Response.Cookies.Append(ActingFor.Cookie, chosen.NhsNumber, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });
        return Results.Redirect("/choices");
    }
}
