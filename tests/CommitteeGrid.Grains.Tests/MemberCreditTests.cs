using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// Submissions credit a member by one-way call. The credit sent here is in no ledger, so neither the
/// member's heal nor its group's can produce it: only the call can, and the group then has it from the
/// member's stream. (Its own cluster: a credit the ledger lacks would show up as a difference in the
/// other classes' verify.)
/// </summary>
public sealed class MemberCreditTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_credit_sent_by_call_reaches_the_member_and_its_group()
    {
        var group = fixture.Catalog.Network.Units.First(u => u.Kind == UnitKind.ActivityGroup && fixture.Catalog.Network.Children(u).Any());
        var member = fixture.Catalog.Network.Children(group).First();
        var year = 2017;
        var key = new TallyKey(year, "report.submitted");

        // Awake and healed first, so the credit lands on a live member, as at a plenary peak.
        var before = await fixture.Grains.UnitGrain(UnitKind.Member, member.Code).GetTally(year);
        Assert.Equal(0, before.Counters.GetValueOrDefault("report.submitted"));

        await fixture.Grains.GetGrain<IMemberGrain>(member.Code).Credit(
            new TallySnapshot($"report/by-call-{Guid.NewGuid():N}", 2, new Dictionary<TallyKey, long> { [key] = 4 }));

        var memberTally = await Until(() => fixture.Grains.UnitGrain(UnitKind.Member, member.Code).GetTally(year), t => t.Counters.GetValueOrDefault("report.submitted") == 4);
        var groupTally = await Until(() => fixture.Grains.UnitGrain(UnitKind.ActivityGroup, group.Code).GetTally(year), t => t.Counters.GetValueOrDefault("report.submitted") == 4);

        Assert.Equal(4, memberTally.Counters.GetValueOrDefault("report.submitted"));
        Assert.Equal(before.Version + 2, memberTally.Version);
        Assert.Equal(4, groupTally.Counters.GetValueOrDefault("report.submitted"));
    }

    [Fact]
    public async Task A_live_member_behind_the_ledger_is_told_by_its_group_to_re_read()
    {
        // Another group and year than the test above, so the two cannot see each other's counts.
        var network = fixture.Catalog.Network;
        var group = network.Units.Where(u => u.Kind == UnitKind.ActivityGroup && network.Children(u).Any()).Skip(1).First();
        var member = network.Children(group).First();
        var year = 2016;

        // Both awake and healed, as after a silo loss where the member survived and its group moved.
        var before = await fixture.Grains.UnitGrain(UnitKind.Member, member.Code).GetTally(year);
        await fixture.Grains.UnitGrain(UnitKind.ActivityGroup, group.Code).GetTally(year);

        // A credit the member never hears of: in the ledger, but its one-way call lost (none is sent).
        // Members have no heal timer of their own, so only their group's heal can bring it.
        var stream = $"report/behind-{Guid.NewGuid():N}";
        var appended = await fixture.Ledger.AppendAsync(new LedgerEntry(
            stream, 1, "report.test", "{}", $"behind-{stream}", "hash", "test", "staff", null, null,
            new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero), null,
            [new TallyDelta(member.Code, member.Path, year, "report.submitted", 3)]));
        Assert.Equal(AppendStatus.Appended, appended.Status);

        var memberTally = await Until(() => fixture.Grains.UnitGrain(UnitKind.Member, member.Code).GetTally(year), t => t.Counters.GetValueOrDefault("report.submitted") == 3);

        Assert.Equal(3, memberTally.Counters.GetValueOrDefault("report.submitted"));
        Assert.Equal(before.Version + 1, memberTally.Version);
    }

    private static Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Poll.Until(probe, done, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
}
