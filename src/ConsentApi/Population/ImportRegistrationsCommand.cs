using System.CommandLine;
using ConsentApi.CommandLine;

namespace ConsentApi.Population;

/// <summary>
/// <c>import-registrations --file patients.ndjson</c>: the registrations feed's initial load (or any later batch) from
/// NDJSON of FHIR Patients. Any bad line: every problem is listed with its line and nothing is imported.
/// </summary>
public static class ImportRegistrationsCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Option<FileInfo>("--file") { Required = true, Description = "NDJSON, one FHIR Patient per line" }.AcceptExistingOnly();
        var command = new Command("import-registrations", "Loads who is registered at which practice from when, from NDJSON of FHIR Patients.") { file };
        command.SetAction(async (parsed, ct) =>
        {
            await context.PrepareAsync(CommandNeeds.Schema, ct);
            var path = parsed.GetValue(file)!.FullName;
            await using var scope = context.Services.CreateAsyncScope();
            using var lines = File.OpenText(path);
            var import = await scope.ServiceProvider.GetRequiredService<RegistrationImporter>().ImportAsync(lines, Path.GetFileName(path), ct);
            foreach (var problem in import.Problems)
            {
                await Console.Error.WriteLineAsync($"{problem.File} line {problem.Line}: {problem.Problem}");
            }

            if (import.Problems.Count > 0)
            {
                await Console.Error.WriteLineAsync($"{import.Problems.Count} problem(s){(import.Problems.Count == RegistrationImporter.MaxProblems ? " (the first ones)" : "")}: nothing was imported.");
                return 1;
            }

            Console.WriteLine($"Read {import.Lines:N0} lines: {import.Added:N0} registrations stored, {import.AlreadyHeld:N0} already held.");
            return 0;
        });
        return command;
    }
}
