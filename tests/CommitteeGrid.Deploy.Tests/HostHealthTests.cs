using System.Net;
using System.Net.Sockets;
using CommitteeGrid.Deploy.Tests.Infrastructure;
using CommitteeGrid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Deploy.Tests;

/// <summary>The probes point at paths the real host serves, and the shutdown timeout in the ConfigMap reaches the host.</summary>
public sealed class HostHealthTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Real_host_answers_200_on_the_probe_paths_and_takes_the_configmap_shutdown_timeout()
    {
        var rendered = await SiloPod.RenderAsync(Repo.Base);
        var shutdownTimeout = rendered.Env["COMMITTEEGRID__SHUTDOWNTIMEOUT"].Value!;
        var (http, silo, gateway) = (FreePort(), FreePort(), FreePort());

        // In-memory mode (no PostgreSQL) on loopback: the same endpoints and health checks as in a pod.
        await using var app = await CommitteeGridApp.BuildAsync(
        [
            "--environment=Production",
            $"--CommitteeGrid:Http=http://127.0.0.1:{http}",
            $"--CommitteeGrid:SiloPort={silo}",
            $"--CommitteeGrid:GatewayPort={gateway}",
            $"--CommitteeGrid:ClusterId=deploy-tests-{Guid.NewGuid():N}",
            $"--CommitteeGrid:ShutdownTimeout={shutdownTimeout}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            Assert.Equal(TimeSpan.Parse(shutdownTimeout, System.Globalization.CultureInfo.InvariantCulture), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthPaths.Live)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, await UntilOk(client, HealthPaths.Ready));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    // Started is not ready (the readiness check asks the ledger): poll as the kubelet would.
    private static async Task<HttpStatusCode> UntilOk(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            var status = (await client.GetAsync(path)).StatusCode;
            if (status == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
