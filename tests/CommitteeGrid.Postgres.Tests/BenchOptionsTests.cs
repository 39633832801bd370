using CommitteeGrid.Bench;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// The plenary bench's arguments: by default it loads a year of a million ledger rows before the peak
/// (the baseline's data), and a bad value is refused rather than read as something else.
/// </summary>
public sealed class BenchOptionsTests
{
    [Fact]
    public void By_default_the_peak_meets_a_year_of_a_million_ledger_rows()
    {
        var options = BenchOptions.Parse(["plenary"])!;

        Assert.Equal(1_000_000, options.History);
        Assert.Equal(60_000, options.Members);
        Assert.Equal(20, options.Repeats);
    }

    [Fact]
    public void History_and_repeats_are_read_and_a_history_of_zero_loads_nothing()
    {
        var options = BenchOptions.Parse(["plenary", "--members", "3000", "--history", "0", "--repeats", "7"])!;

        Assert.Equal(0, options.History);
        Assert.Equal(7, options.Repeats);
        Assert.Equal(3000, options.Members);
    }

    [Theory]
    [InlineData("--history", "-1")]
    [InlineData("--history", "many")]
    [InlineData("--repeats", "0")]
    [InlineData("--members", "0")]
    [InlineData("--unknown", "1")]
    public void A_bad_argument_is_refused(string name, string value)
    {
        Assert.Null(BenchOptions.Parse(["plenary", name, value]));
    }

    [Fact]
    public void A_host_it_did_not_start_needs_the_network_file()
    {
        Assert.Null(BenchOptions.Parse(["plenary", "--url", "http://127.0.0.1:5000"]));
        Assert.NotNull(BenchOptions.Parse(["plenary", "--url", "http://127.0.0.1:5000", "--network", "n.json"]));
    }

    [Fact]
    public void The_ceiling_run_reads_its_sizes_and_holds_them_against_the_plenary_target_by_default()
    {
        Assert.Equal(5_000, new CeilingSettings().Target);
        var settings = CeilingSettings.Parse(["--members", "3000", "--seconds", "5", "--workers", "16", "--target", "2000"])!;

        Assert.Equal((3000, 5, 16, 2000), (settings.Members, settings.Seconds, settings.Workers, settings.Target));
        Assert.Null(CeilingSettings.Parse(["--seconds", "0"]));
        Assert.Null(CeilingSettings.Parse(["--workers"]));
        Assert.Null(CeilingSettings.Parse(["--history", "5"]));
    }

    [Fact]
    public void The_baseline_and_chaos_runs_read_their_own_names_and_refuse_the_others()
    {
        Assert.Equal(20, BaselineSettings.Parse(["--entries", "20"])!.Entries);
        Assert.Equal(TimeSpan.FromSeconds(5), ChaosSettings.Parse(["--heal-interval", "5", "--members", "50"])!.HealInterval);
        Assert.Null(BaselineSettings.Parse(["--seconds", "5"]));
        Assert.Null(ChaosSettings.Parse(["--entries", "5"]));
        Assert.Null(ChaosSettings.Parse(["--members", "-5"]));
    }
}
