using CommitteeGrid.Bench;
using CommitteeGrid.Domain.Network;
using Xunit.Abstractions;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// The bench's ceiling run at a small size: every stage drives its kind of request against a real silo
/// and PostgreSQL without a failure, and its CPU is counted on the processes that did the work.
/// </summary>
[Collection("postgres")]
public sealed class CeilingTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_stage_runs_clean_and_the_floor_is_the_read_plus_the_append()
    {
        var silo = await postgres.CreateDatabaseAsync("ceiling");
        var ledger = await postgres.CreateDatabaseAsync("ceiling_ledger");
        var networkFile = Path.Combine(Path.GetTempPath(), $"cg-ceiling-test-{Guid.NewGuid():N}.json");
        NetworkJson.WriteFile(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(300)), networkFile);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        CeilingResult result;
        try
        {
            result = await CeilingBench.Execute(
                new CeilingSettings { Members = 300, Seconds = 2, Workers = 8, Postgres = silo, LedgerPostgres = ledger, NetworkFile = networkFile, HostDll = HostBuild.Dll() },
                new TestOutputWriter(output),
                timeout.Token);
        }
        finally
        {
            File.Delete(networkFile);
        }

        Assert.True(result.Passed, result.FirstFailure);
        Assert.Equal(["http", "read", "ledger", "submit"], result.Stages.Select(s => s.Name));
        foreach (var stage in result.Stages)
        {
            Assert.True(stage.Requests > 0 && stage.PerSecond > 0, $"{stage.Name} measured nothing");
            Assert.True(stage.TotalMicros > 0, $"{stage.Name} cost no CPU");
        }

        // The anonymous request never reaches PostgreSQL; the append and the submission do, on the server
        // the meter found from a backend's parent.
        Assert.True(result.Stage("ledger").PostgresMicros > 0, "PostgreSQL's CPU was not counted");
        Assert.True(result.Stage("submit").PostgresMicros > 0, "PostgreSQL's CPU was not counted");
        Assert.Equal(result.Stage("read").TotalMicros + result.Stage("ledger").TotalMicros, result.FloorMicros, 6);
        Assert.Equal(result.Cores * 1e6 / result.Target, result.BudgetMicros, 6);
    }
}
