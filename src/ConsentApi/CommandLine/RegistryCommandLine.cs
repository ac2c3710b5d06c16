using System.CommandLine;
using ConsentApi.Audit;
using ConsentApi.Export;
using ConsentApi.Identity;
using ConsentApi.Monitoring;
using ConsentApi.Population;
using ConsentApi.Monitoring.Jobs;
using ConsentApi.Synthetic;

namespace ConsentApi.CommandLine;

/// <summary>
/// The registry's commands, in one grammar (System.CommandLine): with none named, the process serves the API. Host
/// settings (<c>--contentRoot</c>, <c>--urls</c>, <c>--environment</c>, or any <c>--Section:Key value</c>) may come
/// before the command word and are the host's; the first three may also follow the command's own options.
/// </summary>
public static class RegistryCommandLine
{
    private static readonly string[] HostOptions = ["--contentRoot", "--urls", "--environment"];

    /// <summary>Where the command word is in <paramref name="args"/>, or -1 when the process is to serve the API.</summary>
    public static int CommandStart(RootCommand commands, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (commands.Subcommands.Any(c => c.Name == args[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static RootCommand Create(CommandContext context)
    {
        var root = new RootCommand("ConsentRegistry. With no command, serves the API, jobs and (in Development) demo data.");
        foreach (var name in HostOptions)
        {
            root.Options.Add(new Option<string>(name) { Recursive = true, Hidden = true, Description = "read by the host" });
        }

        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(ImportListSizesCommand.Create(context));
        root.Subcommands.Add(ImportRegistrationsCommand.Create(context));
        root.Subcommands.Add(ComputeRatesCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(VerifyAuditCommand.Create(context));
        root.Subcommands.Add(ClientsCommand.CreateClients(context));
        root.Subcommands.Add(ClientsCommand.CreateKeys(context));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> (from the command word on) and runs the command; 2 for a command line that does not parse.</summary>
    public static Task<int> InvokeAsync(CommandContext context, IReadOnlyList<string> args, CancellationToken ct = default) =>
        InvokeAsync(Create(context), args, ct);

    public static async Task<int> InvokeAsync(RootCommand commands, IReadOnlyList<string> args, CancellationToken ct = default)
    {
        var parsed = commands.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"{parsed.CommandResult.Command.Name}: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"See '{parsed.CommandResult.Command.Name} --help'.");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, ct);
    }
}
