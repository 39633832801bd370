using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommitteeGrid.Host.Hosting;
using CommitteeGrid.Host.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommitteeGrid.Browser.Tests.Infrastructure;

/// <summary>
/// One real CommitteeGrid host (silo, API and pages in this process, demo network, no demo activity)
/// on free loopback ports, and one headless Chromium that reaches it over HTTP like any browser.
/// </summary>
public sealed class PagesFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _http;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    /// <summary>A token for a root-scope staff member, used by the API client and the browser's cookie.</summary>
    public string Token { get; private set; } = null!;

    /// <summary>Plain HTTP to the host, for what a browser fetches (pages, assets, event streams).</summary>
    public HttpClient Http => _http!;

    public IServiceProvider Services => _app!.Services;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots under the test output.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

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
            $"--CommitteeGrid:NetworkFile={Path.Combine(AppContext.BaseDirectory, "seeds", "demo-network.json")}",
            $"--CommitteeGrid:ClusterId=browser-tests-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default=Warning",
            // Short enough for a test to see a heartbeat on a quiet stream.
            "--Live:Heartbeat=00:00:01",
            "--RateLimit:PermitsPerWindow=1000000",
        ];
        _app = await CommitteeGridApp.BuildAsync(args);
        await _app.StartAsync();
        // Pages and API calls act as staff of the root committee: they may read everything below it.
        Token = _app.Services.GetRequiredService<TokenIssuer>().Issue("browser-tests", "staff", "CN").Token;
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        Api = new Api(_http);
        await WaitUntilReady();

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context (own storage, China time, zh-CN) and a page in it, signed in as root staff.</summary>
    public Task<IPage> NewPage() => NewPage(Token);

    /// <summary>
    /// A page signed in as a user of <paramref name="role"/> with <paramref name="scope"/>, as after /login:
    /// the token in the cookie (GETs, live streams) and in the tab's session storage (POSTs).
    /// </summary>
    public Task<IPage> NewPageAs(string role, string scope) =>
        NewPage(_app!.Services.GetRequiredService<TokenIssuer>().Issue($"{role}.{scope}", role, scope).Token);

    private async Task<IPage> NewPage(string token)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        // Signed in as a browser is after /login: the token in the HttpOnly cookie (cg_token) the login sets.
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "cg_token", Value = token, Url = BaseAddress.ToString().TrimEnd('/') }]);
        // What the login page keeps for the tab's scripts to send on their POSTs.
        await context.AddInitScriptAsync($"sessionStorage.setItem('cg.token', {System.Text.Json.JsonSerializer.Serialize(token)});");
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot under <see cref="ScreenshotFolder"/>; returns its path.</summary>
    public static async Task<string> Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task WaitUntilReady()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _http!.GetAsync("health/ready");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"The host did not become ready within a minute: {(int)response.StatusCode}");
            }

            await Task.Delay(100);
        }
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

/// <summary>All browser tests share one host and one Chromium, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesFixture>
{
    public const string Name = "pages in Chromium";
}
