using CommitteeGrid.Bench;
using CommitteeGrid.Domain.Network;
using Xunit.Abstractions;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// The bench's baseline at a small size: a year of ledger loaded straight into the tables, the silo's
/// rollups rebuilt from it by their own heal path, and the rankings read from the rollups equal to the
/// ones a conventional system would aggregate from the ledger in SQL.
/// </summary>
[Collection("postgres")]
public sealed class BaselineTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Rankings_from_the_live_rollups_equal_the_ledger_aggregated_at_query_time()
    {
        var connection = await postgres.CreateDatabaseAsync("baseline");
        var networkFile = Path.Combine(Path.GetTempPath(), $"cg-baseline-test-{Guid.NewGuid():N}.json");
        NetworkJson.WriteFile(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(2_000)), networkFile);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        BaselineResult result;
        try
        {
            result = await BaselineBench.Execute(
                new BaselineSettings
                {
                    Members = 2_000,
                    Entries = 20_000,
                    Repeats = 3,
                    HealDeadline = TimeSpan.FromMinutes(3),
                    Postgres = connection,
                    NetworkFile = networkFile,
                    HostDll = HostBuild.Dll(),
                },
                new TestOutputWriter(output),
                timeout.Token);
        }
        finally
        {
            File.Delete(networkFile);
        }

        Assert.True(result.Entries >= 20_000, $"only {result.Entries} ledger entries were loaded");
        Assert.True(result.TallyRows > 0);
        Assert.True(result.VerifyOk, "the healed rollups differ from the ledger");
        Assert.True(result.ReportsReplay, "a report grain did not replay its loaded stream");
        Assert.True(result.RankingsEqual, "the two ways ranked differently");
        Assert.True(result.Passed);

        Assert.Equal(2, result.Timings.Count);
        foreach (var timing in result.Timings)
        {
            // A ranking of all zeros would agree by accident: the loaded year must show in it.
            Assert.Contains(timing.Shown, unit => unit.Values.Any(v => v > 0));
            Assert.True(timing.LiveP50 > 0 && timing.SqlP50 > 0);
        }

        Assert.Equal(2, result.SqlAlone.Count);
    }
}
