using Hangfire;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Hangfire's dashboard at /monitoring/hangfire for monitoring staff, reached through the staff portal (which forwards
/// the signed-in member of staff's token). Only tokens with the monitoring scope see it; only administrators may
/// trigger, retry or delete; no local-request bypass. Its own content security policy allows its scripts and styles.
/// </summary>
public static class JobDashboard
{
    public const string Path = "/monitoring/hangfire";

    /// <summary>The dashboard's policy: its own scripts, styles, fonts and polling, nothing from elsewhere, never framed.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication UseRegistryJobDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new StaffDashboardAuthorization()],
            IsReadOnlyFunc = StaffDashboardAuthorization.IsReadOnly,
            AppPath = null,
            DashboardTitle = "Consent registry: background jobs",
            DisplayStorageConnectionString = false,
            // Requests here carry a bearer token, which no other site can make a browser send; the portal, whose cookie
            // session could be ridden, refuses cross-site posts before it forwards them.
            IgnoreAntiforgeryToken = true,
        });
        return app;
    }
}
