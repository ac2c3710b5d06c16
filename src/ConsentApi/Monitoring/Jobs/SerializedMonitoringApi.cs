using Hangfire.Storage;
using Hangfire.Storage.Monitoring;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// One monitoring API for the process, used by one caller at a time. Hangfire.Storage.SQLite 0.4.3 opens a SQLite
/// connection for every monitoring API it hands out and never closes it (the API is not disposable), so each /health
/// check or dashboard page leaked a connection; its connections are also not safe to share between threads.
/// </summary>
public sealed class SerializedMonitoringApi(IMonitoringApi inner) : IMonitoringApi
{
    private readonly Lock _gate = new();

    public IList<QueueWithTopEnqueuedJobsDto> Queues() => One(inner.Queues);
    public IList<ServerDto> Servers() => One(inner.Servers);
    public JobDetailsDto JobDetails(string jobId) => One(() => inner.JobDetails(jobId));
    public StatisticsDto GetStatistics() => One(inner.GetStatistics);
    public JobList<EnqueuedJobDto> EnqueuedJobs(string queue, int from, int perPage) => One(() => inner.EnqueuedJobs(queue, from, perPage));
    public JobList<FetchedJobDto> FetchedJobs(string queue, int from, int perPage) => One(() => inner.FetchedJobs(queue, from, perPage));
    public JobList<ProcessingJobDto> ProcessingJobs(int from, int count) => One(() => inner.ProcessingJobs(from, count));
    public JobList<ScheduledJobDto> ScheduledJobs(int from, int count) => One(() => inner.ScheduledJobs(from, count));
    public JobList<SucceededJobDto> SucceededJobs(int from, int count) => One(() => inner.SucceededJobs(from, count));
    public JobList<FailedJobDto> FailedJobs(int from, int count) => One(() => inner.FailedJobs(from, count));
    public JobList<DeletedJobDto> DeletedJobs(int from, int count) => One(() => inner.DeletedJobs(from, count));
    public long ScheduledCount() => One(inner.ScheduledCount);
    public long EnqueuedCount(string queue) => One(() => inner.EnqueuedCount(queue));
    public long FetchedCount(string queue) => One(() => inner.FetchedCount(queue));
    public long FailedCount() => One(inner.FailedCount);
    public long ProcessingCount() => One(inner.ProcessingCount);
    public long SucceededListCount() => One(inner.SucceededListCount);
    public long DeletedListCount() => One(inner.DeletedListCount);
    public IDictionary<DateTime, long> SucceededByDatesCount() => One(inner.SucceededByDatesCount);
    public IDictionary<DateTime, long> FailedByDatesCount() => One(inner.FailedByDatesCount);
    public IDictionary<DateTime, long> HourlySucceededJobs() => One(inner.HourlySucceededJobs);
    public IDictionary<DateTime, long> HourlyFailedJobs() => One(inner.HourlyFailedJobs);

    private T One<T>(Func<T> call)
    {
        lock (_gate)
        {
            return call();
        }
    }
}
