using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CrashHarness;

/// <summary>
/// One crash run: a fresh database, the harness registered as a client, then rounds of start → concurrent writes →
/// SIGKILL at a random moment → restart → verify everything acknowledged so far; finally the audit chain is verified
/// by the registry's own verify-audit command.
/// </summary>
public static class CrashRun
{
    private static readonly string[] Configurations = ["Release", "Debug"];

    /// <summary>How long a round waits for its first acknowledged write before it kills anyway and reports the stall.</summary>
    private static readonly TimeSpan FirstWriteWithin = TimeSpan.FromSeconds(60);

    public static async Task<CrashReport> RunAsync(CrashOptions options, TextWriter log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var app = options.App ?? FindApp();
        var data = Path.Combine(Path.GetTempPath(), "consent-registry-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var database = options.Provider == "Postgres" ? await CreateDatabaseAsync(options.Postgres!) : null;
        try
        {
            using var registry = new RegistryProcess(app, options.Provider, data, database);
            using var client = new HarnessClient();
            await RegisterAsync(registry, client, data, ct);

            var random = new Random(options.Seed);
            var patients = Patients(random, options.Patients);
            var acked = new List<AckedWrite>();
            var problems = new List<string>();
            var (attempted, checks) = (0, 0);
            for (var round = 1; round <= options.Rounds && !ct.IsCancellationRequested; round++)
            {
                await registry.StartAsync();
                using var http = await client.ConnectAsync(registry.Address);
                var found = await Verifier.CheckAsync(http, acked, patients, ct);
                checks += acked.Count;
                problems.AddRange(found.Select(p => $"after kill {round - 1}: {p}"));
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var driver = new WriteDriver(http, patients, options.Writers, options.Seed + round * 1000);
                var writing = driver.RunAsync(stop.Token);
                // The kill falls a random while after writes are flowing, not after the writers merely loaded: a fresh
                // process's first creates can take seconds (JIT, the validator's first use), and a kill before any is
                // acknowledged tests nothing. A round where none is acknowledged in FirstWriteWithin is a problem.
                await Task.WhenAny(driver.Flowing, writing, Task.Delay(FirstWriteWithin, ct));
                var stalled = !driver.Flowing.IsCompleted;
                var lastOutput = stalled ? registry.RecentOutput : "";
                await Task.Delay(random.Next(options.MinKillMilliseconds, options.MaxKillMilliseconds + 1), ct);
                registry.Kill();
                await stop.CancelAsync();
                await writing;
                attempted += driver.Attempted;
                acked.AddRange(driver.Acked);
                if (stalled && driver.Acked.IsEmpty)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: no write acknowledged within {FirstWriteWithin.TotalSeconds:N0} s of the writers starting ({driver.Attempted} attempted); the registry's last output:\n{lastOutput}"));
                }

                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: first write acknowledged after {driver.FirstAcknowledged?.TotalMilliseconds ?? double.NaN:N0} ms; killed after {driver.Acked.Count} acknowledged writes ({acked.Count} in all); {found.Count} problems found on restart"));
            }

            await registry.StartAsync();
            using (var http = await client.ConnectAsync(registry.Address))
            {
                problems.AddRange((await Verifier.CheckAsync(http, acked, patients, ct)).Select(p => $"final: {p}"));
                checks += acked.Count;
            }

            registry.Kill();
            var audit = await registry.CommandAsync("verify-audit");
            if (audit.ExitCode != 0)
            {
                problems.Add($"verify-audit: {audit.Output.Trim()}");
            }

            return new CrashReport(options.Provider, options.Rounds, options.Rounds, attempted, acked.Count, checks, patients.Count, audit.ExitCode == 0, problems,
                watch.Elapsed);
        }
        finally
        {
            if (database is not null)
            {
                await DropDatabaseAsync(options.Postgres!, database);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Registers the harness as a client system with the registry's own command.</summary>
    public static async Task RegisterAsync(RegistryProcess registry, HarnessClient client, string data, CancellationToken ct)
    {
        var jwks = Path.Combine(data, "harness.jwks.json");
        await File.WriteAllTextAsync(jwks, client.Jwks(), ct);
        var added = await registry.CommandAsync("clients", "add", "--id", HarnessClient.ClientId, "--ods", "X26", "--name", "Reliability harness",
            "--jwks", jwks, "--scopes", HarnessClient.Scopes);
        if (added.ExitCode != 0)
        {
            throw new InvalidOperationException($"Registering the harness failed: {added.Output}");
        }
    }

    /// <summary>Valid NHS numbers (modulus 11), distinct, from the seed.</summary>
    internal static List<string> Patients(Random random, int count)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        while (numbers.Count < count)
        {
            var digits = Enumerable.Range(0, 9).Select(i => i == 0 ? random.Next(4, 10) : random.Next(10)).ToArray();
            var check = 11 - (digits.Select((d, i) => d * (10 - i)).Sum() % 11);
            if (check == 10)
            {
                continue;
            }

            numbers.Add(string.Concat(digits) + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture));
        }

        return [.. numbers];
    }

    /// <summary>src/ConsentApi/bin/{Release or Debug}/net10.0/ConsentApi.dll, the newer, found from here upwards.</summary>
    public static string FindApp()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConsentRegistry.sln")))
            {
                return Configurations.Select(c => Path.Combine(dir.FullName, "src", "ConsentApi", "bin", c, "net10.0", "ConsentApi.dll"))
                    .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                    ?? throw new FileNotFoundException("Build the registry first (dotnet build ConsentRegistry.sln): no src/ConsentApi/bin/*/net10.0/ConsentApi.dll.");
            }
        }

        throw new FileNotFoundException("ConsentRegistry.sln not found above the harness; give --app path/to/ConsentApi.dll.");
    }

    internal static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = "crash_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops the run's database after clearing that database's own pool. Not ClearAllPools: the harness also runs inside
    /// the test process, beside other test classes' pools.
    /// </summary>
    internal static async Task DropDatabaseAsync(string server, string database)
    {
        await using (var pooled = new NpgsqlConnection(database))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
