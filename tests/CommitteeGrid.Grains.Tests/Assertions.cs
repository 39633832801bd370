using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Host.Verification;

namespace CommitteeGrid.Grains.Tests;

internal static class Assertions
{
    public static async Task<VerifyResult> AssertConverges(ClusterFixture fixture, int year, TimeSpan wait)
    {
        var result = await fixture.Verifier.Verify(fixture.Catalog.Network.Root, year, wait, CancellationToken.None);
        Assert.True(result.Ok, $"{result.Differences.Count} differences after {result.ElapsedMs:F0} ms, e.g. " +
            string.Join("; ", result.Differences.Take(5).Select(d => $"{d.Unit} {d.Counter}: rollup {d.Rollup}, ledger {d.Ledger}")));
        return result;
    }

    /// <summary>The live tallies of the root and every county and city equal the scenario's own count.</summary>
    public static async Task AssertMatchesIndependentCount(ClusterFixture fixture, ReportScenario scenario, int year)
    {
        var network = fixture.Catalog.Network;
        foreach (var unit in network.Units.Where(u => u.IsCommittee))
        {
            var tally = await fixture.Grains.GetGrain<Abstractions.Grains.ICommitteeGrain>(unit.Code).GetTally(year);
            var expected = scenario.ExpectedFor(unit, year);
            var differences = TallyComparison.Compare(unit.Code, tally.Counters, expected).ToList();
            Assert.True(differences.Count == 0, $"{unit.Code}: " + string.Join("; ", differences.Select(d => $"{d.Counter}: live {d.Rollup}, expected {d.Ledger}")));
        }
    }
}
