namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// Memory streams lose what is queued on a silo that stops, and memory grain storage loses the
/// snapshots it held. The ledger keeps everything, and the rollups' pulls heal the rest.
/// </summary>
public sealed class SiloLossTests : IAsyncLifetime
{
    private readonly ClusterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Rollups_converge_after_a_silo_stops_in_the_middle_of_the_scenario()
    {
        var scenario = new ReportScenario(_fixture.Grains, _fixture.Catalog.Network, seed: 7);
        var running = scenario.Run(steps: 3000, workers: 6);

        // Stop it a fifth of the way in, counted in commands rather than seconds: how long 3,000 commands
        // take depends on the machine, and a fixed delay once let the run finish first.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (scenario.Accepted + scenario.Refused < 600 && !running.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.False(running.IsCompleted, "the silo must stop while commands are still flowing");
        var secondary = _fixture.Cluster.Silos[^1];
        await _fixture.Cluster.StopSiloAsync(secondary);
        await running;

        Assert.True(scenario.Accepted > 1500, $"only {scenario.Accepted} commands were accepted");
        foreach (var year in scenario.Years)
        {
            await Assertions.AssertConverges(_fixture, year, TimeSpan.FromSeconds(60));
            await Assertions.AssertMatchesIndependentCount(_fixture, scenario, year);
        }
    }
}
