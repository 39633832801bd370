using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// A member or activity group woken by a read answers what the ledger holds for it, not the empty tally
/// it starts with: verify wakes hundreds of thousands of members this way at the national size.
/// </summary>
/// (Its own cluster, so that nothing else has woken these grains first.)
public sealed class FirstReadTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_member_and_its_group_woken_by_a_read_answer_their_ledger_counts()
    {
        // Credits put straight into the ledger: no grain has heard of them, none of these is active yet.
        var group = fixture.Catalog.Network.Units.First(u => u.Kind == UnitKind.ActivityGroup && fixture.Catalog.Network.Children(u).Any());
        var member = fixture.Catalog.Network.Children(group).First();
        var year = 2019;
        var stream = $"report/first-read-{Guid.NewGuid():N}";
        for (var v = 1; v <= 3; v++)
        {
            var appended = await fixture.Ledger.AppendAsync(new LedgerEntry(
                stream, v, "report.test", "{}", $"first-read-{stream}-{v}", "hash", "test", "staff", null, null,
                new DateTimeOffset(year, 5, 1, 0, 0, 0, TimeSpan.Zero), null,
                [new TallyDelta(member.Code, member.Path, year, "report.submitted", 1)]));
            Assert.Equal(AppendStatus.Appended, appended.Status);
        }

        var memberTally = await fixture.Grains.UnitGrain(UnitKind.Member, member.Code).GetTally(year);
        var groupTally = await fixture.Grains.UnitGrain(UnitKind.ActivityGroup, group.Code).GetTally(year);

        Assert.Equal(3, memberTally.Counters.GetValueOrDefault("report.submitted"));
        Assert.Equal(3, groupTally.Counters.GetValueOrDefault("report.submitted"));
    }
}
