using ConsentApi.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.CommandLine;

public class RegistryCommandLineTests
{
    private static readonly CommandContext Context = CommandContext.Ready(new ServiceCollection().BuildServiceProvider());

    [Theory]
    [InlineData(new[] { "--contentRoot", "/srv/registry", "compute-rates", "--from", "2026-01-01", "--to", "2026-01-07" }, 2)]
    [InlineData(new[] { "--Persistence:Provider", "Postgres", "generate", "--scale", "0.01" }, 2)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5080" }, -1)]
    [InlineData(new string[0], -1)]
    public void CommandStart_WhenHostSettingsComeFirst_ThenTheCommandWordIsFound(string[] args, int expected)
    {
        Assert.Equal(expected, RegistryCommandLine.CommandStart(RegistryCommandLine.Create(Context), args));
    }

    [Fact]
    public void Parse_WhenHostOptionsFollowTheCommandsOwn_ThenAccepted()
    {
        var parsed = RegistryCommandLine.Create(Context).Parse(["compute-rates", "--from", "2026-01-01", "--to", "2026-01-07", "--sundays",
            "--contentRoot", "/srv/registry"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("compute-rates", parsed.CommandResult.Command.Name);
    }

    [Theory]
    [InlineData(new[] { "compute-rates", "--from", "2026-01-07", "--to", "2026-01-01" }, "before --from")]
    [InlineData(new[] { "compute-rates", "--from", "2026-13-01", "--to", "2026-01-01" }, "--from")]
    [InlineData(new[] { "compute-rates", "--to", "2026-01-01" }, "--from")]
    [InlineData(new[] { "import-list-sizes", "--dir", "/no/such/folder" }, "/no/such/folder")]
    [InlineData(new[] { "clients", "add", "--id", "x" }, "--ods")]
    [InlineData(new[] { "compute-rates", "--from", "2026-01-01", "--to", "2026-01-02", "--form", "x" }, "--form")]
    public void Parse_WhenTheCommandLineIsWrong_ThenAnErrorNamesWhat(string[] args, string named)
    {
        var parsed = RegistryCommandLine.Create(Context).Parse(args);

        Assert.Contains(parsed.Errors, e => e.Message.Contains(named, StringComparison.Ordinal));
    }
}
