using CrashHarness;

var root = CrashOptions.Command(async (options, ct) =>
{
    var report = await CrashRun.RunAsync(options, Console.Out, ct);
    Console.WriteLine(report);
    return report.Passed ? 0 : 1;
});
root.Subcommands.Add(SoakOptions.Command(async (options, ct) =>
{
    var report = await SoakRun.RunAsync(options, Console.Out, ct);
    Console.WriteLine(report);
    return report.Passed ? 0 : 1;
}));
return await root.Parse(args).InvokeAsync();
