using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ConsentApi.Operations;

/// <summary>
/// A few threads of the process's own for start-up work that can wait while requests are served: the decision index's
/// build and the validator's warm-up (decision 28). On Linux each thread asks the kernel for a lower priority (nice 10),
/// so when a request and this work both want a core, the request gets it; when nothing else runs, this work has every
/// core. Tasks started here keep their awaits' continuations on these threads (they follow
/// <see cref="TaskScheduler.Current"/>); a <see cref="Parallel"/> loop does only when its options name
/// <see cref="TaskScheduler.Current"/> (by default it uses the shared pool). Elsewhere, or if the kernel refuses, the
/// threads run at normal priority.
/// </summary>
public sealed class LowPriorityScheduler : TaskScheduler, IDisposable
{
    /// <summary>The nice value these threads ask for: the kernel gives a nice-10 thread about a tenth of a contended core.</summary>
    public const int Nice = 10;

    private readonly BlockingCollection<Task> queue = [];
    private readonly Thread[] threads;
    [ThreadStatic]
    private static LowPriorityScheduler? runningOn;

    public LowPriorityScheduler()
        : this(Environment.ProcessorCount + 1)
    {
    }

    /// <summary>With <paramref name="threadCount"/> threads: one more than the cores, so one long task cannot leave a build's loop without a worker.</summary>
    public LowPriorityScheduler(int threadCount)
    {
        threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            threads[i] = new Thread(Work) { IsBackground = true, Name = "low-priority-" + i.ToString(CultureInfo.InvariantCulture) };
            threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => threads.Length;

    /// <summary>Runs <paramref name="work"/> on these threads; its awaits come back to them.</summary>
    public Task Run(Func<Task> work, CancellationToken ct) =>
        Task.Factory.StartNew(work, ct, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Runs <paramref name="work"/> on one of these threads.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken ct) =>
        Task.Factory.StartNew(work, ct, TaskCreationOptions.DenyChildAttach, this);

    /// <summary>Lets the threads finish what is queued and end; the queue itself is left to the collector, as threads may still be reading it.</summary>
    public void Dispose() => queue.CompleteAdding();

    protected override void QueueTask(Task task)
    {
        try
        {
            queue.Add(task);
        }
        catch (InvalidOperationException)
        {
            // Disposed while the host stops, with work still awaiting (a build's next batch): run it on the shared pool
            // rather than leave whoever awaits it waiting for ever, or throw into the thread that completed its awaited task.
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
        }
    }

    // Inline only on these threads: a task inlined on a request thread would run at the request's priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        runningOn == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();

    private void Work()
    {
        runningOn = this;
        LowerThisThread();
        // Ends once the scheduler is disposed and the queue is empty.
        foreach (var task in queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    /// <summary>Linux lets a thread lower its own priority without privileges: setpriority on its thread id.</summary>
    private static void LowerThisThread()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(0, GetThreadId(), Nice);
        }
    }

    // Plain DllImport: two int-only calls need no marshalling, and LibraryImport would need unsafe code in the project.
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();
}
