using System.CommandLine;
using System.Globalization;
using ConsentApi.CommandLine;
using ConsentApi.Persistence;

namespace ConsentApi.Export;

/// <summary><c>import-ndjson --from FOLDER</c>: loads a bulk export's files into this (empty) registry.</summary>
public static class ImportCommand
{
    public static Command Create(CommandContext context) =>
        FolderCommand.Create(context, "import-ndjson", "Loads a bulk export into this (empty) registry.", "--from",
            "a folder holding an export's Consent-*.ndjson and DisclosureRegisterEntry-*.ndjson files", RunAsync);

    private static async Task<int> RunAsync(IServiceProvider services, string folder, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var (versions, entries) = await new ExportImporter(scope.ServiceProvider.GetRequiredService<RegistryDbContext>()).ImportAsync(folder, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Imported {versions:N0} Consent versions and {entries:N0} register entries; the decision index is built from them at the next start."));
        return 0;
    }
}
