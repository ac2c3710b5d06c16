using ConsentApi.Operations;
using FhirAdapters.Validation;

namespace ConsentApi.Fhir;

/// <summary>
/// Compiles the validator's profiles as soon as the process knows it is to serve, beside the rest of start-up and then
/// beside serving, so that the first Consent written is not the one that waits seconds for it. It used to run before
/// the API listened, and was three quarters of a restart (15 s of 20 s at 1% of England: bench/restart.sh); reads and
/// searches never need it. A create or update that arrives meanwhile compiles what it needs itself: slower, and just as
/// strict. It runs on the low-priority threads, so that requests come first (decision 28); while start-up's own work
/// (the schema check, identity, the policy catalogue) holds one core, it has the other.
/// </summary>
public sealed partial class FhirValidationWarmup(LowPriorityScheduler background, ILogger<FhirValidationWarmup> logger)
{
    /// <summary>Starts the compile and returns at once; the log says when it is done (the benchmarks wait for that line).</summary>
    public void Start(CancellationToken stopping) => _ = WarmAsync(stopping);

    private async Task WarmAsync(CancellationToken stopping)
    {
        try
        {
            var took = await background.Run(ProfileValidator.Warm, stopping);
            LogWarm(logger, took.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped before it began: the first write compiles what it needs.
        }
        catch (Exception ex)
        {
            // Not fatal: every write still validates, compiling what it needs itself (and failing as loudly if it cannot).
            LogWarmFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR validator ready in {Milliseconds:F0} ms")]
    private static partial void LogWarm(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "FHIR validator warm-up failed; writes compile the profiles themselves")]
    private static partial void LogWarmFailed(ILogger logger, Exception ex);
}
