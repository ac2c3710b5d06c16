using ConsentPortal.Identity;

namespace ConsentPortal.Registry;

/// <summary>The rates CSV, streamed from the registry to the member of staff's browser as it arrives.</summary>
public static class StaffDownloads
{
    public static IEndpointRouteBuilder MapStaffDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/rates.csv", RatesCsv).WithName("RatesCsv").RequireAuthorization(PortalClaims.StaffPolicy);
        return app;
    }

    public static async Task RatesCsv(HttpContext context, string? day, string? level, RegistryApi api, CancellationToken ct)
    {
        var query = QueryString.Create(new Dictionary<string, string?> { ["day"] = day, ["level"] = level }.Where(p => p.Value is not null));
        using var response = await api.StreamAsync("/monitoring/rates.csv" + query, ct);
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/csv";
        context.Response.Headers.ContentDisposition = response.Content.Headers.ContentDisposition?.ToString() ?? "attachment; filename=\"objection-rates.csv\"";
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(context.Response.Body, ct);
    }
}
