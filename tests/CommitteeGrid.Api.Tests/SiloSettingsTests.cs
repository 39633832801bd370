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
}
