using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Host.Notifications;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace CommitteeGrid.Host.Hosting;

/// <summary>The Orleans configuration shared by the host and the test clusters.</summary>
public static class SiloSetup
{
    /// <summary>Memory streams with implicit subscriptions only, polled often: each hop up the tree waits at most this long.</summary>
    public static ISiloBuilder AddCommitteeGridStreams(this ISiloBuilder silo) =>
        silo.AddMemoryStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePartitioning(16);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10)));
        });

    /// <summary>
    /// Feeds and webhooks: the publisher grains call, this silo's copy of the webhook index, and the HTTP
    /// transport. Grain storage "notifications" is registered with the other storage (per mode).
    /// </summary>
    public static ISiloBuilder AddCommitteeGridNotifications(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<NotificationOptions>();
        silo.Services.AddOptions<WebhookOptions>()
            .Validate(o => o.Schedule.Problem() is null, "Webhooks: the retry schedule is not valid (BaseDelay > 0, MaxDelay ≥ BaseDelay, MaxAttempts ≥ 1, 0 ≤ Jitter < 1)")
            .ValidateOnStart();
        silo.Services.AddSingleton<WebhookIndex>();
        silo.Services.AddSingleton<EventPublisher>();
        silo.Services.AddSingleton<IWebhookTransport, HttpWebhookTransport>();
        HttpWebhookTransport.AddTo(silo.Services);
        return silo;
    }

    public static void ConfigureSilo(ISiloBuilder silo, CommitteeGridOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.AddCommitteeGridStreams();
        silo.AddCommitteeGridNotifications();

        if (options.UsesPostgres)
        {
            silo.ConfigureEndpoints(System.Net.IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.Postgres;
            });
            silo.AddAdoNetGrainStorage("rollups", o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.Postgres;
            });
            silo.AddAdoNetGrainStorage("notifications", o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.Postgres;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.Postgres;
            });
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.AddMemoryGrainStorage("rollups");
            silo.AddMemoryGrainStorage("notifications");
            silo.UseInMemoryReminderService();
        }
    }
}
