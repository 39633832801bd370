using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>A host started as its own process (dotnet CommitteeGrid.Host.dll), as an operator starts a silo.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HostProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(60));
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The signing key every host of this test run shares, as silos of one cluster must.</summary>
    public static readonly byte[] SigningKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private static readonly Host.Security.TokenIssuer Issuer = new(new Host.Security.SigningKey(SigningKey, generated: false), TimeProvider.System, TimeSpan.FromHours(2));

    /// <summary>A bearer token signed with the hosts' key (staff of the root committee unless told).</summary>
    public static string Token(string user = "staff-CN", string role = "staff", string scope = "CN") => Issuer.Issue(user, role, scope).Token;

    /// <summary>An HttpClient for this host that sends <see cref="Token"/> on every request.</summary>
    public HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token());
        return http;
    }

    /// <param name="settings">Further settings as command-line arguments (later ones win).</param>
    public static async Task<HostProcess> Start(string postgres, string networkFile, bool withKey = true, IEnumerable<string>? settings = null)
    {
        var (httpPort, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var url = $"http://127.0.0.1:{httpPort}";
        var dll = typeof(Host.Hosting.CommitteeGridApp).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in new[]
        {
            dll, $"--CommitteeGrid:Http={url}", $"--CommitteeGrid:SiloPort={silo}", $"--CommitteeGrid:GatewayPort={gateway}",
            $"--CommitteeGrid:Postgres={postgres}", $"--CommitteeGrid:NetworkFile={networkFile}", "--Rollup:HealInterval=00:00:02",
            "--RateLimit:PermitsPerWindow=1000000",
        }.Concat(withKey ? [$"--CommitteeGrid:SigningKey={Convert.ToBase64String(SigningKey)}"] : []).Concat(settings ?? []))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var host = new HostProcess(process, url);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with {process.ExitCode}:\n{host.Output}");
            }

            try
            {
                if ((await http.GetAsync(url + "/health/ready")).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"the host did not become ready:\n{host.Output}");
    }

    /// <summary>SIGTERM, as an orchestrator stops a silo: it leaves the cluster and finishes what it acknowledged.</summary>
    public async Task StopGracefully()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
