using System.Globalization;
using ConsentApi.Persistence;

namespace ConsentApi.Export;

/// <summary><c>import-ndjson --from FOLDER</c>: loads a bulk export's files into this (empty) registry.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct)
    {
        var at = Array.IndexOf(args, "--from");
        if (at < 0 || at + 1 >= args.Length || !Directory.Exists(args[at + 1]))
        {
            await Console.Error.WriteLineAsync("usage: import-ndjson --from FOLDER   (a folder holding an export's Consent-*.ndjson and DisclosureRegisterEntry-*.ndjson files)");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var (versions, entries) = await new ExportImporter(scope.ServiceProvider.GetRequiredService<RegistryDbContext>()).ImportAsync(args[at + 1], ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Imported {versions:N0} Consent versions and {entries:N0} register entries; the decision index is built from them at the next start."));
        return 0;
    }
}
