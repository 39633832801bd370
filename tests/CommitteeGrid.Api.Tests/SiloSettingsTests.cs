using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Hosting;

namespace CommitteeGrid.Api.Tests;

/// <summary>The silo's tuning settings are checked before it starts, and a wrong one is named with its bounds.</summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public void The_defaults_are_accepted()
    {
        Assert.Null(SiloSetup.SettingsProblem(new CommitteeGridOptions()));
    }

    [Theory]
    [InlineData("StreamQueues", "CommitteeGrid:StreamQueues must be 1–256 (is 0)")]
    [InlineData("StreamPollInterval", "CommitteeGrid:StreamPollInterval must be above 0 and at most 10 s (is 00:00:11)")]
    [InlineData("StreamInactivity", "CommitteeGrid:StreamInactivity must be at least 10 s (is 00:00:05)")]
    [InlineData("DashboardSampleInterval", "CommitteeGrid:DashboardSampleInterval must be between 1 s and 10 min (is 00:00:00.5000000)")]
    public void A_setting_out_of_bounds_is_named_with_its_bounds(string setting, string expected)
    {
        var options = new CommitteeGridOptions();
        switch (setting)
        {
            case "StreamQueues": options.StreamQueues = 0; break;
            case "StreamPollInterval": options.StreamPollInterval = TimeSpan.FromSeconds(11); break;
            case "StreamInactivity": options.StreamInactivity = TimeSpan.FromSeconds(5); break;
            default: options.DashboardSampleInterval = TimeSpan.FromMilliseconds(500); break;
        }

        Assert.Equal(expected, SiloSetup.SettingsProblem(options));
    }

    [Fact]
    public void Every_wrong_setting_is_named_at_once()
    {
        var options = new CommitteeGridOptions { StreamQueues = 300, DashboardSampleInterval = TimeSpan.FromHours(1) };
        var problem = SiloSetup.SettingsProblem(options)!;
        Assert.Contains("StreamQueues", problem, StringComparison.Ordinal);
        Assert.Contains("DashboardSampleInterval", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("StreamInactivity", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rollup_defaults_are_accepted()
    {
        Assert.Null(SiloSetup.RollupSettingsProblem(new RollupOptions()));
        Assert.True(new RollupSettingsCheck().Validate(null, new RollupOptions()).Succeeded);
    }

    [Fact]
    public void A_longest_heal_wait_below_the_heal_interval_is_refused_with_both_values()
    {
        var options = new RollupOptions { HealInterval = TimeSpan.FromMinutes(1), HealIntervalMax = TimeSpan.FromSeconds(30) };

        var result = new RollupSettingsCheck().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal("Rollup:HealIntervalMax must be at least Rollup:HealInterval (is 00:00:30 against 00:01:00)", result.FailureMessage);
    }

    [Fact]
    public void Every_wrong_rollup_setting_is_named_at_once()
    {
        var options = new RollupOptions { HealConcurrency = 0, HealInterval = TimeSpan.Zero };

        var problem = SiloSetup.RollupSettingsProblem(options)!;

        Assert.Contains("Rollup:HealConcurrency must be 1–64 (is 0)", problem, StringComparison.Ordinal);
        Assert.Contains("Rollup:HealInterval must be above 0", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("HealIntervalMax", problem, StringComparison.Ordinal);
    }
}
