using System.Collections.Concurrent;
using System.Globalization;
using ConsentApi.Operations;

namespace ConsentApi.Tests.Operations;

/// <summary>
/// Start-up work on the low-priority threads (decision 28): it runs at nice 10 on Linux, and its awaits and parallel
/// loops stay on those threads instead of spilling onto the shared pool at normal priority.
/// </summary>
public sealed class LowPrioritySchedulerTests : IDisposable
{
    private readonly LowPriorityScheduler scheduler = new(2);

    [Fact]
    public async Task Run_WhenOnLinux_ThenTheWorkRunsAtNiceTen()
    {
        Assert.True(OperatingSystem.IsLinux(), "The registry's servers and CI run on Linux, where the priority is lowered.");

        var nice = await scheduler.Run(ThisThreadsNice, CancellationToken.None);

        Assert.Equal(LowPriorityScheduler.Nice, nice);
    }

    [Fact]
    public async Task Run_WhenTheWorkAwaits_ThenItCarriesOnOnTheLowPriorityThreads()
    {
        string? after = null;

        await scheduler.Run(async () =>
        {
            await Task.Delay(20);
            after = Thread.CurrentThread.Name;
        }, CancellationToken.None);

        Assert.StartsWith("low-priority-", after);
    }

    [Fact]
    public async Task Run_WhenTheWorkLoopsInParallelOnTheCurrentScheduler_ThenEveryWorkerIsALowPriorityThread()
    {
        var workers = new ConcurrentBag<string?>();

        await scheduler.Run(() =>
        {
            Parallel.For(0, 1000, new ParallelOptions { TaskScheduler = TaskScheduler.Current }, _ =>
            {
                workers.Add(Thread.CurrentThread.Name);
                Thread.SpinWait(1000);
            });
            return workers.Count;
        }, CancellationToken.None);

        Assert.Equal(1000, workers.Count);
        Assert.All(workers, name => Assert.StartsWith("low-priority-", name));
    }

    [Fact]
    public async Task QueueTask_WhenTheSchedulerIsDisposed_ThenTheWorkStillRuns()
    {
        scheduler.Dispose();

        var answer = await Task.Factory.StartNew(() => 42, CancellationToken.None, TaskCreationOptions.None, scheduler);

        Assert.Equal(42, answer);
    }

    public void Dispose() => scheduler.Dispose();

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat, counted after the name's closing parenthesis.</summary>
    private static int ThisThreadsNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
