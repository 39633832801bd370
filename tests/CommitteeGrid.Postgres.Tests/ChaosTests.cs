using CommitteeGrid.Bench;
using CommitteeGrid.Domain.Network;
using Xunit.Abstractions;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// The bench's chaos scenario at a small size: silo processes join, leave gracefully and crash under a
/// steady load, and not one acknowledged command may be missing from the ledger afterwards.
/// </summary>
[Collection("postgres")]
public sealed class ChaosTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task No_acknowledged_command_is_lost_when_silos_join_leave_and_crash_under_load()
    {
        var connection = await postgres.CreateDatabaseAsync("chaos");
        var networkFile = Path.Combine(Path.GetTempPath(), $"cg-chaos-test-{Guid.NewGuid():N}.json");
        NetworkJson.WriteFile(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(2_000)), networkFile);
        // A hung cluster must fail the test, not the suite's time limit; Execute reaps its silos either way.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        ChaosResult result;
        try
        {
            result = await ChaosScenario.Execute(
                new ChaosSettings
                {
                    Members = 2_000,
                    Seconds = 30,
                    Workers = 16,
                    // Short, so the rollups heal from the lost stream messages within the test's time.
                    HealInterval = TimeSpan.FromSeconds(5),
                    VerifyWaitSeconds = 60,
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

        Assert.True(result.Acknowledged > 0, "the load acknowledged nothing");
        Assert.Equal(result.Acknowledged, result.KeysChecked);
        Assert.Equal(0, result.KeysMissing);
        Assert.True(result.VerifyOk, $"verify found {result.Differences} differences");
        Assert.NotNull(result.ConvergenceSeconds);
        Assert.True(result.Refused == 0, $"a legal command was refused: {result.FirstRefusal}");
        Assert.Equal(0, result.Unresolved);

        Assert.True(result.GracefulStopClean, "the SIGTERMed silo did not leave within 60 s");

        // The kill hit a silo that was serving, and the cluster served again once it was voted out.
        Assert.True(result.AcksBeforeKill > 0, "no command was acknowledged in the 3 s before the kill");
        Assert.True(result.InFlightOnVictimAtKill > 0, "no request was in flight on the killed silo");
        Assert.NotNull(result.KilledSiloDeadAfterSeconds);
        Assert.True(result.AcksAfterVote > 0, "no command was acknowledged after the killed silo was voted out");
    }
}
