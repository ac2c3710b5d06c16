using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ConsentApi.Monitoring.Jobs;

/// <summary>
/// Hangfire's log provider: the host's own logging, as Hangfire's default for ASP.NET Core, except once that logging is
/// disposed. Hangfire keeps one provider for the whole process (a static), and its components ask it for loggers as
/// they are made, so a component made while the host stops, or in another host of the same process (the tests run
/// many), could be handed a disposed logger factory and fail to be made at all ("Cannot access a disposed object" from
/// the retry filter's constructor failed a job in CI). Such a component gets a logger that writes nothing instead.
/// </summary>
public sealed class HangfireLogProvider(ILoggerFactory loggers) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        // False: Hangfire asks with a null message whether a level is enabled; nothing is.
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
