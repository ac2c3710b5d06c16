using ConsentApi.Identity;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Who may use the job dashboard: the registry's own access policies applied to the request's token (monitoring to see
/// it, administration to change anything). Hangfire answers 401 without a token and 403 with the wrong one.
/// </summary>
public sealed class StaffDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    private const string MayChangeKey = "registry.dashboard.may-change";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var policies = http.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await policies.AuthorizeAsync(http.User, AccessPolicies.Monitoring)).Succeeded)
        {
            return false;
        }

        http.Items[MayChangeKey] = (await policies.AuthorizeAsync(http.User, AccessPolicies.Admin)).Succeeded;
        return true;
    }

    /// <summary>Read-only unless the authorization above found the administration scope.</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        context.GetHttpContext().Items[MayChangeKey] is not true;
}
