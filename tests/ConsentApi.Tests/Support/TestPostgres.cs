using System.Diagnostics;
using Npgsql;

namespace ConsentApi.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: the one named by CONSENTREGISTRY_TEST_POSTGRES (as .ci/run starts it), or
/// else a private throwaway cluster started from the machine's PostgreSQL binaries on a free loopback port.
/// If neither is possible the tests fail with a message saying what to install; they never skip.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "CONSENTREGISTRY_TEST_POSTGRES";
    private const string ClusterPrefix = "consentregistry-pg-";
    private static readonly Lazy<string> Admin = new(StartOrConnect, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates an empty database for one test class and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = "cr_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(Admin.Value))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Admin.Value) { Database = name }.ToString();
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;

        // Only this database's idle connections; DROP ... WITH (FORCE) ends any others. Not ClearAllPools: that reaches
        // into every other test class's pools while their hosts run or shut down, and in CI a class's teardown
        // sometimes failed with an ObjectDisposedException.
        // The registry's contexts pool under its own form of the string (PostgresConnectionString), so that pool too.
        foreach (var form in new[] { connectionString, ConsentApi.Persistence.PostgresConnectionString.ForRegistry(connectionString) })
        {
            using var pooled = new NpgsqlConnection(form);
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(Admin.Value);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    private static string StartOrConnect()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured) ? StartPrivateCluster() : configured;
    }

    private static string StartPrivateCluster()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"PostgreSQL tests need a server: set {EnvironmentVariable} to a connection string, or install PostgreSQL 15 (apt-get install postgresql) so the tests can start their own.");
        RemoveAbandonedClusters(bin);
        var root = Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", root], asRoot: false);
        }

        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-locale", "-E", "UTF8"], asRoot);
        var port = LoopbackPorts.Next();
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", Path.Combine(root, "server.log"), "-w", "start"], asRoot);

        // A watchdog in its own session stops the cluster and deletes its folder once this process is gone, however it
        // ends: the test host is often killed rather than ended, and then no exit handler runs.
        var stop = (asRoot ? "runuser -u postgres -- " : "") + $"'{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate stop";
        var watchdog = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{root}'";
        using (Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", watchdog]) { UseShellExecute = false }))
        {
        }

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>
    /// Clusters left by test processes that are gone (a test host killed rather than ended never runs its exit handler):
    /// stopped if still running, and deleted, so throwaway clusters never pile up in the temp folder.
    /// </summary>
    private static void RemoveAbandonedClusters(string bin)
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            var owner = Path.GetFileName(root)[ClusterPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, System.Globalization.CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            var data = Path.Combine(root, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], Environment.UserName == "root", check: false);
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    private static void Run(string file, string[] arguments, bool asRoot, bool check = true)
    {
        var start = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments]) : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}
