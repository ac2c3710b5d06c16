using ConsentApi.Decisions;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsentApi.Tests.Decisions;

/// <summary>
/// SQLite, with the decision index's build held twice, each until the test lets it go on: at its start (before it reads
/// any version), and again once it has loaded what it read and is about to read in the writes made since. The
/// registry as it is in the seconds after a restart at England scale, for as long as a test needs.
/// </summary>
public sealed class HeldIndexApiFactory : SqliteApiFactory
{
    public HeldIndexApiFactory()
        : base(waitForDecisions: false)
    {
    }

    /// <summary>Set to let the build start reading.</summary>
    public ManualResetEventSlim Start { get; } = new();

    /// <summary>Set by the build when it has loaded what it read and waits to read in the writes made since.</summary>
    public ManualResetEventSlim Loaded { get; } = new();

    /// <summary>Set to let the build read in the writes made since it started, and become ready.</summary>
    public ManualResetEventSlim CatchUp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Decisions:FollowIntervalMilliseconds", "60000"); // the build alone must read in the writes made meanwhile
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(sp =>
            ActivatorUtilities.CreateInstance<DecisionIndexSync>(sp, new HeldScopes(sp.GetRequiredService<IServiceScopeFactory>(), this)))));
    }

    protected override void Dispose(bool disposing)
    {
        Start.Set();
        CatchUp.Set();
        base.Dispose(disposing);
        if (disposing)
        {
            Start.Dispose();
            Loaded.Dispose();
            CatchUp.Dispose();
        }
    }

    /// <summary>The scopes the index's reads come from: the first (the build's read) waits for Start, the next for CatchUp.</summary>
    private sealed class HeldScopes(IServiceScopeFactory inner, HeldIndexApiFactory held) : IServiceScopeFactory
    {
        private int created;

        public IServiceScope CreateScope()
        {
            switch (Interlocked.Increment(ref created))
            {
                case 1:
                    held.Start.Wait();
                    break;
                case 2:
                    held.Loaded.Set();
                    held.CatchUp.Wait();
                    break;
            }

            return inner.CreateScope();
        }
    }
}
