using System.CommandLine;
using ConsentApi.CommandLine;
using ConsentApi.Persistence;

namespace ConsentApi.Audit;

/// <summary><c>verify-audit</c>: checks the whole audit chain and exits 0 if intact, 1 (naming the record) if not.</summary>
public static class VerifyAuditCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("verify-audit", "Checks the whole audit chain: exit 0 if intact, 1 naming the first broken record.");
        command.SetAction(async (_, ct) =>
        {
            await context.PrepareAsync(CommandNeeds.Schema, ct);
            return await RunAsync(context.Services, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var result = await AuditVerifier.VerifyAsync(db, ct);
        await Console.Out.WriteLineAsync(result.Intact
            ? $"audit chain intact: {result.Verified} records verified"
            : $"audit chain BROKEN at record {result.BrokenAt}: {result.Problem} ({result.Verified} records before it verified)");
        return result.Intact ? 0 : 1;
    }
}
