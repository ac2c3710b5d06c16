using ConsentApi.Monitoring.Jobs;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace ConsentApi.Tests.Monitoring.Jobs;

/// <summary>Hangfire's loggers come from the host's logging, and a disposed host's logging fails nothing that asks for one.</summary>
public sealed class HangfireLogProviderTests
{
    [Fact]
    public void GetLogger_WhenTheHostsLoggingIsLive_ThenItsLevelsApply()
    {
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new SilentProvider()));
        var log = new HangfireLogProvider(loggers).GetLogger("Hangfire.Test");

        Assert.True(log.Log(HangfireLevel.Warn, null));
        Assert.False(log.Log(HangfireLevel.Info, null));
    }

    [Fact]
    public void GetLogger_WhenTheHostsLoggingIsDisposed_ThenALoggerThatWritesNothingIsGiven()
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(new SilentProvider()));
        var provider = new HangfireLogProvider(loggers);
        loggers.Dispose();

        var log = provider.GetLogger("Hangfire.Test");

        Assert.False(log.Log(HangfireLevel.Error, () => "lost", new InvalidOperationException()));
    }

    /// <summary>Takes every level the factory lets through and writes it nowhere.</summary>
    private sealed class SilentProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
