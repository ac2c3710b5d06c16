using ConsentApi.Tests.Support;
using CrashHarness;

namespace ConsentApi.Tests.Reliability;

/// <summary>
/// A short soak in the test command (the ten-minute run is `tools/CrashHarness soak`; docs/reliability.md): mixed
/// traffic at a steady rate against the registry as its own process, with no errors, /health healthy at every sample
/// and open handles flat over the second half of the run (the first half is warm-up).
/// </summary>
[Collection(RegistryProcesses.Name)]
public sealed class SoakTests
{
    [Fact]
    public async Task Soak_WhenMixedTrafficRunsAtASteadyRate_ThenNoErrorsHealthyThroughoutAndHandlesFlat()
    {
        var report = await SoakRun.RunAsync(new SoakOptions { Seconds = 20, Rate = 40, Patients = 100, SampleSeconds = 5 }, TextWriter.Null, default);

        Assert.True(report.Passed, report.ToString());
        Assert.True(report.Requests >= 700, report.ToString());
    }
}
