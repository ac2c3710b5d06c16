using System.CommandLine;
using ConsentApi.CommandLine;

namespace ConsentApi.Monitoring;

/// <summary>
/// <c>import-list-sizes --dir FOLDER</c>: imports a month of "Patients Registered at a GP Practice" from the folder
/// holding its three CSV files, with a progress bar. Any bad line: every problem is listed and nothing is imported.
/// </summary>
public static class ImportListSizesCommand
{
    public static Command Create(CommandContext context) =>
        FolderCommand.Create(context, "import-list-sizes", "Imports a month of \"Patients Registered at a GP Practice\".", "--dir",
            $"the folder with {ListSizeFiles.MappingFile}, {ListSizeFiles.TotalsFile} and {ListSizeFiles.AgeSexFile}", RunAsync);

    private static async Task<int> RunAsync(IServiceProvider services, string dir, CancellationToken ct)
    {
        var paths = new[] { ListSizeFiles.MappingFile, ListSizeFiles.TotalsFile, ListSizeFiles.AgeSexFile }.Select(f => Path.Combine(dir, f)).ToList();
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Missing: {string.Join(", ", missing)}");
            return 1;
        }

        Console.WriteLine("Checking every line ...");
        using var mapping = File.OpenText(paths[0]);
        using var totals = File.OpenText(paths[1]);
        using var ageSex = File.OpenText(paths[2]);
        var (batch, problems) = ListSizeFiles.Read(mapping, totals, ageSex);
        if (batch is null)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"{problem.File} line {problem.Line}: {problem.Problem}");
            }

            await Console.Error.WriteLineAsync($"{problems.Count} problem(s){(problems.Count == ListSizeFiles.MaxProblems ? " (the first ones)" : "")}: nothing was imported.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ListSizeImporter>();
        try
        {
            var import = await importer.StoreAsync(batch, "command-line", new Progress<(int Done, int Total)>(Bar), ct);
            Console.WriteLine();
            Console.WriteLine($"Imported list sizes for {import.ExtractDate}: {import.Practices:N0} practices, {import.RowsImported:N0} rows.");
            return 0;
        }
        catch (Fhir.FhirErrorException ex)
        {
            Console.WriteLine();
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static void Bar((int Done, int Total) p)
    {
        const int Width = 30;
        var filled = p.Total == 0 ? Width : (int)((long)p.Done * Width / p.Total);
        Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {p.Done:N0}/{p.Total:N0} rows");
    }
}
