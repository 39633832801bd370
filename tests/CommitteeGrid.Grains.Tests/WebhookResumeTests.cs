using System.Net;
using System.Net.Sockets;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Hosting;
using CommitteeGrid.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// A webhook whose grain is deactivated while a delivery is still owed resumes by itself: its reminder
/// reactivates it, and the stored outbox is delivered. Nobody calls the grain in between.
/// </summary>
public sealed class WebhookResumeTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCommitteeGridStreams();
            silo.AddCommitteeGridNotifications();
            silo.AddMemoryGrainStorage("rollups");
            silo.AddMemoryGrainStorage("notifications");
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ILedger>(new MemoryLedger());
            silo.Services.AddSingleton(new NetworkCatalog(TestNetwork.DemoNetwork));
            silo.Services.AddSingleton(TestNetwork.Proposals());
            silo.Services.AddSingleton(TimeProvider.System);
            // Reminders tick every 2 s here instead of the production minimum of 1 minute.
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<WebhookOptions>(o =>
            {
                o.BaseDelay = TimeSpan.FromMilliseconds(500);
                o.MaxDelay = TimeSpan.FromSeconds(1);
                o.MaxAttempts = 100;
                o.ReminderPeriod = TimeSpan.FromSeconds(2);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_deactivated_webhook_is_woken_by_its_reminder_and_delivers()
    {
        var port = FreePort();
        var grains = _cluster.Client;
        var webhook = grains.GetGrain<IWebhookGrain>("420607/W0000000000000001");
        await webhook.Open(new WebhookView("W0000000000000001", "420607", $"http://127.0.0.1:{port}/hook", [], DateTimeOffset.UtcNow, "staff"));
        var e = new DomainEvent("report/R1:2", EventKinds.ReportAdopted, "R1", "关于农村道路养护的建议", "420607", CommitteeLevel.County, DateTimeOffset.UtcNow, ["420607-M0001"], null);
        await webhook.Enqueue(e);
        await webhook.Enqueue(e);

        // Nobody listens yet: attempts fail and the event stays in the outbox.
        var failing = await Until(() => webhook.GetDeliveries(10), d => d!.Attempts.Count >= 1);
        Assert.All(failing!.Attempts, a => Assert.Equal("retrying", a.Outcome));
        Assert.Single(failing.Pending);

        var management = grains.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(webhook.GetGrainId());
        await Until(() => management.GetGrainActivationCount((GrainReference)webhook), n => n == 0);
        Assert.Equal(0, await management.GetGrainActivationCount((GrainReference)webhook));

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var context = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("report/R1:2", context.Request.Headers["X-CommitteeGrid-Delivery"]);
        context.Response.StatusCode = 200;
        context.Response.Close();

        var done = await Until(() => webhook.GetDeliveries(10), d => d!.Pending.Count == 0);
        Assert.Empty(done!.Pending);
        Assert.Equal("delivered", done.Attempts[0].Outcome);
        Assert.Equal(1, done.Attempts.Count(a => a.Outcome == "delivered"));

        // Queued twice, delivered once; queued again after delivery, not sent again.
        await webhook.Enqueue(e);
        Assert.Empty((await webhook.GetDeliveries(10))!.Pending);
    }

    private static Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Poll.Until(probe, done, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
