using FhirAdapters.Validation;

namespace ConsentApi.Fhir;

/// <summary>
/// Compiles the validator's profiles before the API takes requests, so the first Consent written after start-up is
/// not the one that waits seconds for it.
/// </summary>
public sealed partial class FhirValidationWarmup(ILogger<FhirValidationWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var took = ProfileValidator.Warm();
        LogWarm(logger, took.TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR validator ready in {Milliseconds:F0} ms")]
    private static partial void LogWarm(ILogger logger, double milliseconds);
}
