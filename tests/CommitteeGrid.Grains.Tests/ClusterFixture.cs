using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Hosting;
using CommitteeGrid.Host.Verification;
using CommitteeGrid.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// Two silos in this process over the demo network, sharing one in-process ledger (the ledger is the
/// record; the silos hold only what derives from it), with in-memory reminders. Heals run every two
/// seconds so that tests of lost messages converge quickly.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public MemoryLedger Ledger { get; } = new();

    public NetworkCatalog Catalog { get; } = new(TestNetwork.DemoNetwork);

    /// <summary>The seed handling units; sessions whose plenary is on today (China time) for 420607 and 511724.</summary>
    public ProposalCatalog Proposals { get; } = TestNetwork.Proposals();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public TallyVerifier Verifier => new(Ledger, Catalog, Grains);

    /// <summary>The ledger the silos use: <see cref="Ledger"/> itself unless a fixture puts something in front of it.</summary>
    protected virtual ILedger SiloLedger => Ledger;

    /// <summary>Lets a fixture change the rollups' timing after the defaults above.</summary>
    protected virtual void ConfigureRollup(RollupOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCommitteeGridStreams();
            silo.AddCommitteeGridNotifications();
            silo.AddMemoryGrainStorage("rollups");
            silo.AddMemoryGrainStorage("notifications");
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton(SiloLedger);
            silo.Services.AddSingleton(Catalog);
            silo.Services.AddSingleton(Proposals);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.Configure<RollupOptions>(o =>
            {
                o.PublishInterval = TimeSpan.FromMilliseconds(20);
                o.HealInterval = TimeSpan.FromSeconds(2);
                o.SnapshotInterval = TimeSpan.FromSeconds(1);
                ConfigureRollup(o);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "shared two-silo cluster";
}
