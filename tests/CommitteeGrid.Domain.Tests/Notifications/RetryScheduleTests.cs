using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Exponential backoff with jitter: 1 s → 2 s → 4 s …, capped, within ±jitter, a fixed number of attempts.</summary>
public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), MaxAttempts: 6, Jitter: 0.2);

    [Fact]
    public void Nominal_delay_doubles_after_each_failure_up_to_the_cap()
    {
        var delays = Enumerable.Range(1, 8).Select(n => Schedule.NominalDelay(n).TotalSeconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void Jitter_spreads_each_delay_within_its_bounds()
    {
        for (var failures = 1; failures <= 4; failures++)
        {
            var nominal = Schedule.NominalDelay(failures);
            Assert.Equal(nominal * 0.8, Schedule.DelayAfter(failures, 0.0));
            Assert.Equal(nominal, Schedule.DelayAfter(failures, 0.5));
            var top = Schedule.DelayAfter(failures, 0.999999);
            Assert.True(top < nominal * 1.2 && top > nominal * 1.19, $"{top} for {nominal}");
        }

        var random = new Random(42);
        var draws = Enumerable.Range(0, 1000).Select(_ => Schedule.DelayAfter(3, random.NextDouble())).ToList();
        Assert.All(draws, d => Assert.InRange(d, TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(4.8)));
        Assert.True(draws.Distinct().Count() > 900, "jittered delays should differ");
    }

    [Fact]
    public void Jitter_never_goes_past_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Schedule.DelayAfter(6, 0.999));
        Assert.Equal(TimeSpan.FromSeconds(24), Schedule.DelayAfter(6, 0.0));
    }

    [Fact]
    public void Very_many_failures_do_not_overflow()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Schedule.NominalDelay(1000));
        Assert.Equal(TimeSpan.FromSeconds(30), Schedule.DelayAfter(int.MaxValue, 0.9));
    }

    [Fact]
    public void Retries_until_max_attempts_are_made()
    {
        Assert.Equal([true, true, true, true, true, false, false], Enumerable.Range(1, 7).Select(Schedule.RetriesAfter).ToArray());
    }

    [Fact]
    public void Invalid_settings_are_named()
    {
        Assert.Null(Schedule.Problem());
        Assert.Null(RetrySchedule.Default.Problem());
        Assert.Contains("BaseDelay", (Schedule with { BaseDelay = TimeSpan.Zero }).Problem());
        Assert.Contains("MaxDelay", (Schedule with { MaxDelay = TimeSpan.FromMilliseconds(10) }).Problem());
        Assert.Contains("MaxAttempts", (Schedule with { MaxAttempts = 0 }).Problem());
        Assert.Contains("Jitter", (Schedule with { Jitter = 1.0 }).Problem());
        Assert.Contains("Jitter", (Schedule with { Jitter = -0.1 }).Problem());
    }

    [Fact]
    public void Random_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.DelayAfter(1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.DelayAfter(1, -0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.NominalDelay(0));
    }
}
