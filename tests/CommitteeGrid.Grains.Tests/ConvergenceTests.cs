namespace CommitteeGrid.Grains.Tests;

/// <summary>Its own cluster, so that its independent count is the whole count.</summary>
public sealed class ConvergenceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_randomized_scenario_across_the_network_ends_with_every_rollup_equal_to_the_ledger()
    {
        var scenario = new ReportScenario(fixture.Grains, fixture.Catalog.Network, seed: 42);

        await scenario.Run(steps: 4000, workers: 8);

        Assert.True(scenario.Accepted > 2000, $"only {scenario.Accepted} commands were accepted");
        Assert.True(scenario.Refused > 100, "the scenario should include illegal actions that are refused");
        foreach (var year in scenario.Years)
        {
            await Assertions.AssertConverges(fixture, year, TimeSpan.FromSeconds(30));
            await Assertions.AssertMatchesIndependentCount(fixture, scenario, year);
        }
    }
}
