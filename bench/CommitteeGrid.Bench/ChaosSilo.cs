using System.Diagnostics;
using System.Globalization;

namespace CommitteeGrid.Bench;

/// <summary>
/// One silo process of a chaos run: started like an operator starts one, stopped with SIGTERM or killed
/// with SIGKILL, and always reaped on dispose, so a failed run leaves no process behind.
/// </summary>
public sealed class ChaosSilo : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ChaosSilo(int index, Process process, string url, int siloPort)
    {
        Index = index;
        _process = process;
        Url = url;
        SiloPort = siloPort;
    }

    public int Index { get; }

    public string Url { get; }

    public int SiloPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The silo's last lines of output, for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    public static async Task<ChaosSilo> Start(int index, ChaosSettings settings, CancellationToken ct)
    {
        var ports = FreePorts.Take(3);
        var (http, silo, gateway) = (ports[0], ports[1], ports[2]);
        var url = $"http://127.0.0.1:{http}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(settings.HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(settings.HostDll);
        info.ArgumentList.Add($"--CommitteeGrid:Http={url}");
        info.ArgumentList.Add($"--CommitteeGrid:SiloPort={silo}");
        info.ArgumentList.Add($"--CommitteeGrid:GatewayPort={gateway}");
        info.ArgumentList.Add($"--CommitteeGrid:Postgres={settings.Postgres}");
        info.ArgumentList.Add($"--CommitteeGrid:NetworkFile={settings.NetworkFile}");
        foreach (var arg in BenchAuth.HostArgs())
        {
            info.ArgumentList.Add(arg);
        }

        if (settings.HealInterval is { } heal)
        {
            info.ArgumentList.Add($"--Rollup:HealInterval={heal.ToString("c", CultureInfo.InvariantCulture)}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var host = new ChaosSilo(index, process, url, silo);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReady(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod; waits for the process to leave. False when it had to be killed.</summary>
    public async Task<bool> StopGracefully(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await Kill();
            return false;
        }
    }

    /// <summary>SIGKILL: no goodbye to the cluster, queued work and open connections vanish.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private async Task WaitReady(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        // Generous: on two busy cores a Debug silo joining a loaded cluster takes a while.
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo {Index} exited with code {_process.ExitCode} before it was ready:\n{Tail}");
            }

            try
            {
                using var response = await http.GetAsync(Url + "/health/ready", ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet.
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"silo {Index} was not ready after 120 s:\n{Tail}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }
        }
    }

}
