using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Grains.Tests;

/// <summary>Its own cluster, so that the scenario's account is the whole of the proposals counted.</summary>
public sealed class PlenaryScenarioTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_plenary_burst_ends_with_every_rollup_equal_to_the_ledger_and_every_state_as_counted()
    {
        var year = CivilTime.YearOf(DateTimeOffset.UtcNow);
        var scenario = new PlenaryScenario(fixture.Grains, fixture.Catalog.Network, fixture.Proposals, seed: 2026);
        string[] committees = [TestNetwork.Xiangzhou, TestNetwork.Dazhu];

        await scenario.Run(committees, memberWorkers: 24);

        Assert.Equal(year, CivilTime.YearOf(DateTimeOffset.UtcNow));
        var proposals = scenario.Proposals;
        Assert.Equal(602, proposals.Count);
        Assert.True(proposals.Count(p => p.Cosigners.Count > 0) > 100, "the burst should include many joint proposals");
        Assert.True(proposals.Count(p => p.Absorbed.Count > 0) > 10, "the burst should include merges");

        // Every rollup equals the ledger, and every committee's tally equals the scenario's own account.
        await Assertions.AssertConverges(fixture, year, TimeSpan.FromSeconds(60));
        var expected = scenario.ExpectedByMember();
        foreach (var unit in fixture.Catalog.Network.Units.Where(u => u.IsCommittee))
        {
            var tally = await fixture.Grains.GetGrain<ICommitteeGrain>(unit.Code).GetTally(year);
            var differences = TallyComparison.Compare(unit.Code, tally.Counters, scenario.ExpectedFor(unit, expected)).ToList();
            Assert.True(differences.Count == 0, $"{unit.Code}: " + string.Join("; ", differences.Select(d => $"{d.Counter}: live {d.Rollup}, expected {d.Ledger}")));
        }

        foreach (var committee in committees)
        {
            var mine = proposals.Where(p => p.Committee == committee).ToList();
            var register = await Eventually(
                () => fixture.Grains.GetGrain<IProposalOfficeGrain>(committee).GetRegister(null, null, false, 5000),
                r => r.Count == mine.Count && r.All(s => s.Status == mine.Single(p => p.Id == s.ProposalId).ExpectedStatus));

            // The register lists each proposal once, in the state the scenario left it in, all in this plenary's session.
            Assert.Equal(mine.Select(p => p.Id).Order(), register.Select(s => s.ProposalId).Order());
            Assert.Equal(
                mine.GroupBy(p => p.ExpectedStatus).ToDictionary(g => g.Key, g => g.Count()).OrderBy(kv => kv.Key),
                register.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()).OrderBy(kv => kv.Key));
            var session = fixture.Proposals.Sessions.At(committee, DateTimeOffset.UtcNow).Session.Id;
            Assert.All(register, s => Assert.True(s.Session == session && s.DuringPlenary, $"{s.ProposalId}: {s.Session}, during plenary {s.DuringPlenary}"));

            // Numbers: one per registered proposal, gap-free from 1.
            var numbered = register.Where(s => s.Number is not null).Select(s => s.Number!.Value).Order().ToList();
            Assert.Equal(Enumerable.Range(1, mine.Count(p => p.Outcome == ProposalStatus.Registered)), numbered);

            // Every assignment is in a handling unit's queue.
            var assigned = register.Where(s => s.Status == ProposalStatus.Assigned).ToList();
            var queued = 0;
            foreach (var unit in fixture.Proposals.HandlingUnits.Of(committee))
            {
                var queue = await fixture.Grains.GetGrain<IHandlingUnitGrain>(unit.Code).GetQueue(false);
                queued += queue.Count(i => i.Assignment.Role == "lead");
            }

            Assert.Equal(assigned.Count, queued);
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value) || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
