using CrashHarness;

if (args is ["soak", .. var soakArgs])
{
    SoakOptions soak;
    try
    {
        soak = SoakOptions.Parse(soakArgs);
    }
    catch (ArgumentException ex)
    {
        await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + SoakOptions.Usage);
        return 2;
    }

    var soakReport = await SoakRun.RunAsync(soak, Console.Out, CancellationToken.None);
    Console.WriteLine(soakReport);
    return soakReport.Passed ? 0 : 1;
}

CrashOptions options;
try
{
    options = CrashOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + CrashOptions.Usage + Environment.NewLine + SoakOptions.Usage);
    return 2;
}

var report = await CrashRun.RunAsync(options, Console.Out, CancellationToken.None);
Console.WriteLine(report);
return report.Passed ? 0 : 1;
