using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// A quiet rollup heals less and less often (HealSchedule), and a silo joining or leaving brings its
/// next heal back to one tick: that is when stream messages go missing. Here a count reaches the ledger
/// with no message at all, as if lost with a silo, while an activity group is backed off to about 16 s
/// between heals; a silo joining must bring it in at the next half-second tick.
/// (Its own cluster, with the ticks short and the longest wait long.)
/// </summary>
public sealed class HealBackoffTests(HealBackoffTests.Fixture fixture) : IClassFixture<HealBackoffTests.Fixture>
{
    public sealed class Fixture : ClusterFixture
    {
        protected override void ConfigureRollup(RollupOptions options)
        {
            options.HealInterval = TimeSpan.FromMilliseconds(500);
            options.HealIntervalMax = TimeSpan.FromMinutes(10);
        }
    }

    [Fact]
    public async Task A_silo_joining_brings_a_backed_off_heal_forward()
    {
        var network = fixture.Catalog.Network;
        var group = network.Units.First(u => u.Kind == UnitKind.ActivityGroup && network.Children(u).Any());
        var member = network.Children(group).First();
        var year = 2015;
        var groupGrain = fixture.Grains.UnitGrain(UnitKind.ActivityGroup, group.Code);

        // Awake and quiet: heals at about 0.5, 1.5, 3.5, 7.5, 15.5 s find nothing, so the next is near 31.5 s.
        await groupGrain.GetTally(year);
        await Task.Delay(TimeSpan.FromSeconds(22));

        var stream = $"report/unannounced-{Guid.NewGuid():N}";
        var appended = await fixture.Ledger.AppendAsync(new LedgerEntry(
            stream, 1, "report.test", "{}", $"unannounced-{stream}", "hash", "test", "staff", null, null,
            new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero), null,
            [new TallyDelta(member.Code, member.Path, year, "report.submitted", 2)]));
        Assert.Equal(AppendStatus.Appended, appended.Status);

        // Backed off: ticks pass without a heal, so the group does not see the count yet.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, (await groupGrain.GetTally(year)).Counters.GetValueOrDefault("report.submitted"));

        // The cluster changes: the next tick heals, long before the backed-off wait ends.
        var joined = DateTime.UtcNow;
        await fixture.Cluster.StartAdditionalSiloAsync();
        var tally = await Poll.Until(
            () => groupGrain.GetTally(year),
            t => t.Counters.GetValueOrDefault("report.submitted") == 2,
            TimeSpan.FromSeconds(5),
            TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, tally.Counters.GetValueOrDefault("report.submitted"));
        Assert.True(DateTime.UtcNow - joined < TimeSpan.FromSeconds(6), "the group healed only after its backed-off wait");
    }
}
