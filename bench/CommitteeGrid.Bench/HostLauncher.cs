using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CommitteeGrid.Bench;

/// <summary>Starts what the benchmark measures: a throwaway PostgreSQL (scripts/pg.sh) and a Release silo process.</summary>
public sealed class HostLauncher : IAsyncDisposable
{
    private readonly List<Process> _hosts = [];
    private string? _pgDir;

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

    public async Task<(string Url, Process Process)> StartHost(string? postgres, string networkFile)
    {
        var root = RepositoryRoot();
        await Run("dotnet", ["build", "-c", "Release", "-v:q", "--nologo", Path.Combine(root, "src", "CommitteeGrid.Host")]);
        var dll = Path.Combine(root, "src", "CommitteeGrid.Host", "bin", "Release", "net10.0", "CommitteeGrid.Host.dll");
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--CommitteeGrid:Http={url}");
        info.ArgumentList.Add($"--CommitteeGrid:SiloPort={FreePort()}");
        info.ArgumentList.Add($"--CommitteeGrid:GatewayPort={FreePort()}");
        info.ArgumentList.Add($"--CommitteeGrid:NetworkFile={networkFile}");
        if (postgres is not null)
        {
            info.ArgumentList.Add($"--CommitteeGrid:Postgres={postgres}");
        }

        foreach (var arg in BenchAuth.HostArgs())
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
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
    public static double PeakMemoryMiB(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Where(h => !h.HasExited))
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }

        if (_pgDir is not null)
        {
            await Run(Path.Combine(RepositoryRoot(), "scripts", "pg.sh"), ["stop", _pgDir]);
            Directory.Delete(_pgDir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
