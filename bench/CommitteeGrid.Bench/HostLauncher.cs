using System.Diagnostics;
using System.Globalization;

namespace CommitteeGrid.Bench;

/// <summary>Starts what the benchmark measures: a throwaway PostgreSQL (scripts/pg.sh) and a Release silo process.</summary>
public sealed class HostLauncher : IAsyncDisposable
{
    private readonly List<Process> _hosts = [];
    private readonly HostLogEcho _echo = new(Console.Error);

    /// <summary>Environment variables for the silos this launcher starts (runtime knobs: DOTNET_gcServer, DOTNET_TieredPGO, …).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    private string? _pgDir;

    /// <summary>The throwaway PostgreSQL's folder, once started.</summary>
    public string? PostgresFolder => _pgDir;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommitteeGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository (CommitteeGrid.sln not found).");
    }

    public async Task<string> StartPostgres()
    {
        _pgDir = Directory.CreateTempSubdirectory("cg-bench-pg").FullName;
        var output = await Run(Path.Combine(RepositoryRoot(), "scripts", "pg.sh"), ["start", _pgDir]);
        return output.Trim().Split('\n')[^1];
    }

    public async Task<(string Url, Process Process)> StartHost(string? postgres, string networkFile, params string[] hostArgs) =>
        await StartBuiltHost(await BuildHost(), postgres, networkFile, hostArgs);

    /// <summary>Builds the host in Release and returns its dll.</summary>
    public static async Task<string> BuildHost()
    {
        var root = RepositoryRoot();
        await Run("dotnet", ["build", "-c", "Release", "-v:q", "--nologo", Path.Combine(root, "src", "CommitteeGrid.Host")]);
        return Path.Combine(root, "src", "CommitteeGrid.Host", "bin", "Release", "net10.0", "CommitteeGrid.Host.dll");
    }

    /// <summary>
    /// Starts a built host and waits until it is ready. Its working folder is its own, so it reads its
    /// appsettings.json (log levels) as a deployed silo does; the network file must be an absolute path.
    /// </summary>
    public async Task<(string Url, Process Process)> StartBuiltHost(string dll, string? postgres, string networkFile, params string[] hostArgs)
    {
        var ports = FreePorts.Take(3);
        var url = $"http://127.0.0.1:{ports[0]}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--CommitteeGrid:Http={url}");
        info.ArgumentList.Add($"--CommitteeGrid:SiloPort={ports[1]}");
        info.ArgumentList.Add($"--CommitteeGrid:GatewayPort={ports[2]}");
        info.ArgumentList.Add($"--CommitteeGrid:NetworkFile={Path.GetFullPath(networkFile)}");
        // The bench measures its own traffic: no demo year recorded beside it (the embedded host records
        // one by default, which at the national size kept changing counts under verify for minutes).
        info.ArgumentList.Add("--CommitteeGrid:DemoActivity=false");
        if (postgres is not null)
        {
            info.ArgumentList.Add($"--CommitteeGrid:Postgres={postgres}");
        }

        foreach (var arg in BenchAuth.HostArgs().Concat(hostArgs))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        // The host logs to stdout; its warnings and errors (with their indented message lines) are worth seeing.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _echo.Line(process.Id, line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("host: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _hosts.Add(process);

        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(url + "/health/ready")).IsSuccessStatusCode)
                {
                    return (url, process);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the host did not become ready in 150 s");
    }

    /// <summary>The process's peak resident memory (VmHWM), in MiB.</summary>
    public static double PeakMemoryMiB(Process process) => Status(process, "VmHWM:");

    /// <summary>The process's resident memory now (VmRSS), in MiB.</summary>
    public static double CurrentMemoryMiB(Process process) => Status(process, "VmRSS:");

    private static double Status(Process process, string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Where(h => !h.HasExited))
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }

        foreach (var line in _echo.Suppressed())
        {
            Console.Error.WriteLine(line);
        }

        if (_pgDir is not null)
        {
            await Run(Path.Combine(RepositoryRoot(), "scripts", "pg.sh"), ["stop", _pgDir]);
            Directory.Delete(_pgDir, recursive: true);
        }
    }


    private static async Task<string> Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}");
        }

        return await output;
    }
}
