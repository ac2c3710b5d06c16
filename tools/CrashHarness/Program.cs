using CrashHarness;

CrashOptions options;
try
{
    options = CrashOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + CrashOptions.Usage);
    return 2;
}

var report = await CrashRun.RunAsync(options, Console.Out, CancellationToken.None);
Console.WriteLine(report);
return report.Passed ? 0 : 1;
