using ConsentApi.Operations;
using FhirAdapters.Validation;

namespace ConsentApi.Fhir;

/// <summary>
/// Compiles the validator's profiles just after start-up, beside serving, so that the first Consent written is not the
/// one that waits seconds for it. It used to run before the API listened, and was three quarters of a restart (15 s of
/// 20 s at 1% of England: bench/restart.sh); reads and searches never need it. A create or update that arrives
/// meanwhile compiles what it needs itself: slower, and just as strict. It runs on the low-priority threads, so that
/// requests come first (decision 28).
/// </summary>
public sealed partial class FhirValidationWarmup(LowPriorityScheduler background, ILogger<FhirValidationWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var took = await background.Run(ProfileValidator.Warm, stoppingToken);
        LogWarm(logger, took.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR validator ready in {Milliseconds:F0} ms")]
    private static partial void LogWarm(ILogger logger, double milliseconds);
}
