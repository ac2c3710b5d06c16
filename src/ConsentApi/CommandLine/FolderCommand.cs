using System.CommandLine;

namespace ConsentApi.CommandLine;

/// <summary>A command that reads one existing folder (an import): its option, the schema applied first, then the run.</summary>
public static class FolderCommand
{
    public static Command Create(CommandContext context, string name, string description, string option, string optionDescription,
        Func<IServiceProvider, string, CancellationToken, Task<int>> run)
    {
        var folder = new Option<DirectoryInfo>(option) { Required = true, Description = optionDescription }.AcceptExistingOnly();
        var command = new Command(name, description) { folder };
        command.SetAction(async (parsed, ct) =>
        {
            await context.PrepareAsync(CommandNeeds.Schema, ct);
            return await run(context.Services, parsed.GetValue(folder)!.FullName, ct);
        });
        return command;
    }
}
