using System.Net;
using System.Net.Http.Json;
using FhirAdapters.Tests.Builders;
using ConsentApi.Accounts;
using ConsentApi.Identity;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Tests.Identity;
using ConsentApi.Tests.Support;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>
/// Hangfire's dashboard is for monitoring staff only (no anonymous or local-request bypass): a patient is refused, an
/// analyst sees the jobs but cannot change them, an administrator can; its pages carry their own narrow CSP.
/// </summary>
public sealed class JobDashboardTests(PatientIssuerApiFactory api) : IClassFixture<PatientIssuerApiFactory>
{
    [Fact]
    public async Task Dashboard_WhenNoTokenIsSent_Then401()
    {
        using var response = await api.CreateAnonymousClient().GetAsync($"{JobDashboard.Path}/recurring");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WhenAPatientAsks_Then403()
    {
        using var patient = api.CreateClientWithToken(api.PatientToken(new ConsentBuilder().NhsNumber));

        using var response = await patient.GetAsync($"{JobDashboard.Path}/recurring");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WhenAnAnalystAsks_ThenSeesTheRecurringJobsUnderItsOwnCsp_AndCannotDeleteAJob()
    {
        var job = ScheduleHarmlessJob();
        using var analyst = api.CreateClientWithToken(await AnalystTokenAsync());

        using var page = await analyst.GetAsync($"{JobDashboard.Path}/recurring");
        using var delete = await analyst.PostAsync($"{JobDashboard.Path}/jobs/actions/delete/{job}", new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(RecurringJobsSchedule.DailyRates, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(JobDashboard.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        Assert.Equal(ScheduledState.StateName, StateOf(job));
    }

    [Fact]
    public async Task Dashboard_WhenAnAdministratorDeletesAJob_ThenItIsDeleted()
    {
        var job = ScheduleHarmlessJob();
        using var administrator = api.CreateClient();

        using var delete = await administrator.PostAsync($"{JobDashboard.Path}/jobs/actions/delete/{job}", new StringContent(""));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(DeletedState.StateName, StateOf(job));
    }

    private string ScheduleHarmlessJob() =>
        api.Services.GetRequiredService<IBackgroundJobClient>().Schedule<MonitoringJobs>(j => j.DeliverWebhooksAsync(CancellationToken.None), TimeSpan.FromDays(1));

    private string? StateOf(string job)
    {
        using var connection = api.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(job)?.Name;
    }

    private async Task<string> AnalystTokenAsync()
    {
        const string Redirect = "http://localhost:5998/callback";
        const string Password = "dashboard analyst password";
        using var admin = api.CreateClient();
        await api.Services.GetRequiredService<ClientRegistry>().AddAsync(new ClientInput("dashboard-staff-tool", "X26", "Staff tool", null, null,
            [RegistryScopes.Monitoring, RegistryScopes.AuditRead, RegistryScopes.Admin], [Redirect]), "tests", default);
        using var created = await admin.PostAsJsonAsync("/admin/users", new { userName = "dashboard.analyst", password = Password, roles = new[] { StaffRoles.Analyst } });
        created.EnsureSuccessStatusCode();
        using var flow = new SignInFlow(api.ServerAddress, "dashboard-staff-tool", Redirect);
        return (await flow.TokenAsync("dashboard.analyst", Password, $"{RegistryScopes.Monitoring} {RegistryScopes.AuditRead} {RegistryScopes.Admin}")).AccessToken;
    }
}
