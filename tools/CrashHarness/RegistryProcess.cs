using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrashHarness;

/// <summary>
/// The registry as a separate process on loopback (the built ConsentApi.dll run by dotnet), on a data folder or a
/// PostgreSQL database that outlives it, so it can be killed with SIGKILL and started again on the same data.
/// </summary>
public sealed class RegistryProcess : IDisposable
{
    private readonly string app;
    private readonly Dictionary<string, string> environment;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();
    private Process? process;

    public RegistryProcess(string app, string provider, string dataDirectory, string? connectionString)
    {
        this.app = app;
        Port = FreePort();
        environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Persistence__Provider"] = provider,
            ["Persistence__DataDirectory"] = dataDirectory,
            ["Persistence__ConnectionString"] = connectionString ?? "",
            ["Auth__Issuer"] = $"http://127.0.0.1:{Port}",
            ["AllowedHosts"] = "127.0.0.1",
            ["Auth__RatePerSecond"] = "1000000",
            ["Auth__RateBurst"] = "1000000",
            ["Monitoring__JobsEnabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    public int Port { get; }

    /// <summary>Sets (or replaces) a setting the next start passes to the registry as an environment variable.</summary>
    public RegistryProcess With(string name, string value)
    {
        environment[name] = value;
        return this;
    }

    /// <summary>The running registry's process id (for its memory and handle counts), or null when it is not running.</summary>
    public int? ProcessId => process is { HasExited: false } ? process.Id : null;

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>The last 60 lines the running (or last) process wrote, for a report when something went wrong.</summary>
    public string RecentOutput => string.Join('\n', output);

    /// <summary>Runs one of the registry's commands (clients add, verify-audit...) to completion; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> CommandAsync(params string[] args)
    {
        using var command = Start(args);
        var output = await command.StandardOutput.ReadToEndAsync();
        var errors = await command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync();
        return (command.ExitCode, output + errors);
    }

    public async Task StartAsync()
    {
        process = Start(["--urls", Address.ToString().TrimEnd('/')]);
        output.Clear();
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The registry exited with {process.ExitCode} while starting; its last output:\n{RecentOutput}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Address, "health/ready"))).IsSuccessStatusCode) // decisions too: the Verifier asks for them
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or SocketException)
            {
                // Not listening yet (a refused connect can surface bare, as a SocketException).
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The registry did not start within a minute.");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as a power cut or the kernel's OOM killer would.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose() => Kill();

    /// <summary>Keeps the last 60 lines the process wrote.</summary>
    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 60 && output.TryDequeue(out _))
        {
        }
    }

    private Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        info.ArgumentList.Add(app);
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(Path.GetDirectoryName(app)!);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
