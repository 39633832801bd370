using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Grains.Reports;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Grains.Units;
using CommitteeGrid.Host.Notifications;
using CommitteeGrid.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace CommitteeGrid.Host.Hosting;

/// <summary>The Orleans configuration shared by the host and the test clusters.</summary>
public static class SiloSetup
{
    /// <summary>
    /// Stream queues per silo. Each queue's pulling agent delivers its messages in order and, on every
    /// read, scans every stream it holds, so agents cost CPU; but one agent has a ceiling, and the queues
    /// are what several silos share out. Measured on the plenary run (60,000 members, 2 cores): in a
    /// 45-second run 2 queues fell seconds behind and 4 and 8 were a little ahead of 16 (1,716 and 1,629
    /// against 1,481 commands/s); over four minutes 16 gave 958–1,500 (median 1,280) against 969–1,283 for
    /// 8: no worse, perhaps a little better, and room for up to 16 silos to share the queues.
    /// </summary>
    public const int DefaultStreamQueues = 16;

    /// <summary>
    /// Memory streams with implicit subscriptions only. A queue with messages is drained at once; an idle
    /// one is polled every <paramref name="pollInterval"/> (10 ms by default), so each hop up the tree
    /// waits at most that long. Every poll scans the queue's active streams, so polls cost CPU.
    /// </summary>
    public static ISiloBuilder AddCommitteeGridStreams(this ISiloBuilder silo, int queues = DefaultStreamQueues, TimeSpan? pollInterval = null, TimeSpan? inactivity = null)
    {
        // Streams only notify; the rollups they feed heal from the ledger, through this gate.
        silo.Services.TryAddSingleton<HealGate>();
        return silo.AddMemoryStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePartitioning(queues);
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = pollInterval ?? TimeSpan.FromMilliseconds(10);
                // A stream's delivery state is dropped after this long without messages (default 30 min).
                o.StreamInactivityPeriod = inactivity ?? TimeSpan.FromMinutes(2);
            }));
            // Nothing here rewinds a stream, so a delivered message need not stay cached (by default each
            // stays at least 5 minutes, and its metadata 10: at a peak, millions of messages held for nothing).
            streams.ConfigureCacheEviction(eviction => eviction.Configure(o =>
            {
                o.DataMinTimeInCache = TimeSpan.FromSeconds(5);
                o.DataMaxAgeInCache = TimeSpan.FromMinutes(1);
                o.MetadataMinTimeInCache = TimeSpan.FromSeconds(30);
            }));
        });
    }

    /// <summary>
    /// Idle times before a grain is deactivated, below Orleans' 15 minutes for the kinds that come by the
    /// hundred thousand: a report is acted on a few times and then waits days for its next step, and a
    /// member grain reads its credits back from the ledger in one query when it is needed again.
    /// </summary>
    public static ISiloBuilder AddCommitteeGridCollection(this ISiloBuilder silo) =>
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.ClassSpecificCollectionAge[typeof(InfoReportGrain).FullName!] = TimeSpan.FromMinutes(2);
            o.ClassSpecificCollectionAge[typeof(MemberGrain).FullName!] = TimeSpan.FromMinutes(5);
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

    /// <summary>
    /// Grain storage in <c>cg_grain_state</c>, written many grains to a statement: feeds, webhook outboxes
    /// and rollup snapshots wrote one transaction each through Orleans' ADO.NET provider, 560 a second at a
    /// plenary peak against 60 for the ledger. The ADO.NET providers stay registered under "NAME-adonet" so
    /// that what they stored before is still read.
    /// </summary>
    private static void AddBatchedGrainStorage(ISiloBuilder silo, string connectionString, params string[] names)
    {
        silo.Services.AddSingleton(_ => new PostgresStateStore(connectionString));
        foreach (var name in names)
        {
            var previous = name + "-adonet";
            silo.AddAdoNetGrainStorage(previous, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.Services.AddGrainStorage(name, (services, _) => new PostgresGrainStorage(
                services.GetRequiredService<PostgresStateStore>(),
                services.GetRequiredService<Serializer>(),
                services.GetRequiredKeyedService<IGrainStorage>(previous)));
        }
    }

    /// <summary>What is wrong with the silo's tuning settings, in words an operator can act on; null when nothing is.</summary>
    public static string? SettingsProblem(CommitteeGridOptions options)
    {
        var problems = new List<string>();
        if (options.StreamQueues is < 1 or > 256)
        {
            problems.Add($"CommitteeGrid:StreamQueues must be 1–256 (is {options.StreamQueues})");
        }

        if (options.StreamPollInterval <= TimeSpan.Zero || options.StreamPollInterval > TimeSpan.FromSeconds(10))
        {
            problems.Add($"CommitteeGrid:StreamPollInterval must be above 0 and at most 10 s (is {options.StreamPollInterval})");
        }

        if (options.StreamInactivity < TimeSpan.FromSeconds(10))
        {
            problems.Add($"CommitteeGrid:StreamInactivity must be at least 10 s (is {options.StreamInactivity})");
        }

        if (options.DashboardSampleInterval < TimeSpan.FromSeconds(1) || options.DashboardSampleInterval > TimeSpan.FromMinutes(10))
        {
            problems.Add($"CommitteeGrid:DashboardSampleInterval must be between 1 s and 10 min (is {options.DashboardSampleInterval})");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>What is wrong with the rollups' timing (section "Rollup"), every problem at once; null if nothing.</summary>
    public static string? RollupSettingsProblem(RollupOptions options)
    {
        var problems = new List<string>();
        if (options.HealConcurrency is < 1 or > 64)
        {
            problems.Add($"Rollup:HealConcurrency must be 1–64 (is {options.HealConcurrency})");
        }

        if (options.HealInterval <= TimeSpan.Zero)
        {
            problems.Add($"Rollup:HealInterval must be above 0 (is {options.HealInterval})");
        }

        if (options.HealIntervalMax < options.HealInterval)
        {
            problems.Add($"Rollup:HealIntervalMax must be at least Rollup:HealInterval (is {options.HealIntervalMax} against {options.HealInterval})");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    public static void ConfigureSilo(ISiloBuilder silo, CommitteeGridOptions options)
    {
        if (SettingsProblem(options) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.AddCommitteeGridStreams(options.StreamQueues, options.StreamPollInterval, options.StreamInactivity);
        silo.AddCommitteeGridNotifications();
        silo.AddCommitteeGridCollection();
        if (options.Dashboard)
        {
            silo.AddDashboard(o => o.CounterUpdateIntervalMs = (int)options.DashboardSampleInterval.TotalMilliseconds);
        }

        if (options.UsesPostgres)
        {
            silo.ConfigureEndpoints(System.Net.IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            // A killed silo stalls every call that needs its share of the grain directory until the others
            // vote it dead: with Orleans' defaults (5 s probes, 3 missed) that took 6-16 s here. Two missed
            // 2 s probes suspect it in about 4 s; votes expire sooner so that old suspicions from a loaded
            // moment cannot add up to a wrong verdict later. Orleans stretches probe timeouts while the
            // prober itself is degraded (ExtendProbeTimeoutDuringDegradation), which guards against a busy
            // silo voting out a healthy one.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = options.ProbeTimeout;
                o.NumMissedProbesLimit = options.MissedProbesLimit;
                o.DeathVoteExpirationTimeout = options.DeathVoteExpiration;
            });
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.Postgres;
            });
            AddBatchedGrainStorage(silo, options.Postgres!, "rollups", "notifications");
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
