using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Hangfire's filters with the registry's retry rule in place of its default (ten attempts): Monitoring:MaxAttempts in
/// all, each retry after RetryBaseSeconds × 4^(retry − 1), then the job stays Failed for staff to see and retry. Given
/// to Hangfire through the container rather than its static global filters, so each host keeps its own settings.
/// </summary>
public sealed class JobRetryFilters : IJobFilterProvider
{
    private readonly JobFilter _retry;

    public JobRetryFilters(IOptions<MonitoringOptions> options)
    {
        var settings = options.Value;
        _retry = new JobFilter(new AutomaticRetryAttribute
        {
            Attempts = settings.MaxAttempts - 1,
            DelayInSecondsByAttemptFunc = retry => DelaySeconds(settings, retry),
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        }, JobFilterScope.Global, null);
    }

    /// <summary>How long Hangfire waits before retry number <paramref name="retry"/> (1 for the first).</summary>
    public static int DelaySeconds(MonitoringOptions settings, long retry) =>
        (int)Math.Min(settings.RetryBaseSeconds * Math.Pow(4, retry - 1), int.MaxValue);

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        JobFilterProviders.Providers.GetFilters(job).Where(f => f.Instance is not AutomaticRetryAttribute).Append(_retry);
}
