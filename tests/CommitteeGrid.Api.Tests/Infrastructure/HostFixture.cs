using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CommitteeGrid.Host.Hosting;
using CommitteeGrid.Host.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>
/// One real CommitteeGrid host (silo and HTTP API in this process) on free loopback ports, reached
/// only through HttpClient, as a client on the network would reach it.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Task<object>> _shared = new(StringComparer.Ordinal);
    private readonly Lock _sharedLock = new();
    private readonly ConcurrentDictionary<TestUser, string> _tokens = new();
    private WebApplication? _app;
    private HttpClient? _http;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The API as a staff member of the root committee (scope: the whole network).</summary>
    public ApiClient Api { get; private set; } = null!;

    /// <summary>The host's own services, e.g. its user store, for tests that set up accounts.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>The root committee of the network the host runs.</summary>
    public abstract string RootCode { get; }

    /// <summary>The network file to load (absolute path).</summary>
    protected abstract string NetworkFile();

    public async Task InitializeAsync()
    {
        var (http, silo, gateway) = FreePorts();
        BaseAddress = new Uri($"http://127.0.0.1:{http}/");
        string[] args =
        [
            "--environment=Production",
            $"--CommitteeGrid:Http=http://127.0.0.1:{http}",
            $"--CommitteeGrid:SiloPort={silo}",
            $"--CommitteeGrid:GatewayPort={gateway}",
            $"--CommitteeGrid:NetworkFile={NetworkFile()}",
            // Several hosts share this process: separate cluster ids keep their silos apart.
            $"--CommitteeGrid:ClusterId=api-tests-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default=Warning",
            // Tests send thousands of requests as one user; RateLimitTests use a host of their own.
            "--RateLimit:PermitsPerWindow=1000000",
            "--RateLimit:AnonymousPermitsPerWindow=1000000",
            .. ExtraArgs(),
            .. Settings(),
        ];

        _app = await CommitteeGridApp.BuildAsync(args, Customize);
        var issuer = _app.Services.GetRequiredService<TokenIssuer>();
        await _app.StartAsync();

        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        Api = new ApiClient(_http, user => _tokens.GetOrAdd(user, u => issuer.Issue(u.Name, u.Role, u.Scope).Token), TestUser.Staff(RootCode));

        // Started is not ready: wait for the readiness probe as an orchestrator would.
        var ready = await Eventually.Until(() => Api.Get("health/ready"), r => r.Code == 200, ReadyTimeout);
        if (ready.Code != 200)
        {
            throw new InvalidOperationException($"The host did not become ready within {ReadyTimeout}: {ready.Code} {ready.Text}");
        }
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        OnDisposed();
    }

    /// <summary>
    /// Data that several tests of a collection need (e.g. reports in a given state), made once on first
    /// use. Tests of one collection run one after another, so what it makes is stable between them.
    /// </summary>
    public async Task<T> Shared<T>(string name, Func<ApiClient, Task<T>> create)
        where T : class
    {
        Task<object> task;
        lock (_sharedLock)
        {
            if (!_shared.TryGetValue(name, out task!))
            {
                task = _shared[name] = Create();
            }
        }

        return (T)await task;

        async Task<object> Create() => await create(Api);
    }

    /// <summary>The ledger's entry count as the verify endpoint reports it (and the check that rollups agree).</summary>
    public async Task<long> LedgerEntries()
    {
        var verify = await Api.Get($"api/verify/{RootCode}");
        Assert.Equal(200, verify.Code);
        return verify.Json!["ledgerEntries"]!.GetValue<long>();
    }

    /// <summary>Settings on top of the fixture's own (later ones win).</summary>
    protected virtual IEnumerable<string> ExtraArgs() => [];
    /// <summary>Further settings for this host, as command-line arguments.</summary>
    protected virtual IEnumerable<string> Settings() => [];

    protected virtual void OnDisposed()
    {
    }

    /// <summary>Services a fixture supplies in place of the host's own (registered before them, e.g. a clock).</summary>
    protected virtual void Customize(WebApplicationBuilder builder)
    {
    }

    private static (int Http, int Silo, int Gateway) FreePorts()
    {
        // All three listeners are open at once, so the ports are distinct.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}

/// <summary>A host on the demo network (seeds/demo-network.json): 全国政协 with 湖北, 四川, 山西.</summary>
public class DemoHostFixture : HostFixture
{
    public const string National = "CN";
    public const string Hubei = "420000";
    public const string Xiangyang = "420600";
    public const string Xiangzhou = "420607";
    public const string Sichuan = "510000";

    public override string RootCode => National;

    protected override string NetworkFile() => Path.Combine(AppContext.BaseDirectory, "seeds", "demo-network.json");
}

/// <summary>
/// The demo network with fast webhook retries (0.3 s doubling to at most 1.5 s, 5 attempts) and short
/// live-feed polls, so retry and keep-alive behaviour shows within seconds.
/// </summary>
public sealed class NotificationHostFixture : HostFixture
{
    public static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(300);
    public const double RetryJitter = 0.2;
    public const int MaxAttempts = 5;

    public override string RootCode => DemoHostFixture.National;

    protected override string NetworkFile() => Path.Combine(AppContext.BaseDirectory, "seeds", "demo-network.json");

    protected override IEnumerable<string> Settings() =>
    [
        "--Webhooks:BaseDelay=00:00:00.300",
        "--Webhooks:MaxDelay=00:00:01.500",
        $"--Webhooks:MaxAttempts={MaxAttempts}",
        "--Webhooks:Jitter=0.2",
        "--Webhooks:Timeout=00:00:02",
        "--Notifications:LiveWait=00:00:01",
    ];
}
