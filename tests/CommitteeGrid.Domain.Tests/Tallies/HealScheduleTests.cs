using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Tests.Tallies;

/// <summary>Quiet rollups heal less and less often; a difference found or a cluster change brings the next heal back to one tick.</summary>
public sealed class HealScheduleTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    /// <summary>Ticks until the schedule says heal (at most <paramref name="limit"/>), without healing.</summary>
    private static int TicksUntilDue(HealSchedule schedule, long clusterVersion, int limit = 1000)
    {
        for (var n = 1; n <= limit; n++)
        {
            if (schedule.IsDue(clusterVersion))
            {
                return n;
            }
        }

        return -1;
    }

    [Fact]
    public void The_first_periodic_heal_is_one_tick_after_activation()
    {
        var schedule = new HealSchedule(Tick, TimeSpan.FromMinutes(5), clusterVersion: 3);

        Assert.True(schedule.IsDue(3));
        Assert.Equal(Tick, schedule.Wait);
    }

    [Fact]
    public void Each_heal_that_finds_nothing_doubles_the_wait_up_to_the_longest()
    {
        var schedule = new HealSchedule(Tick, TimeSpan.FromMinutes(5), clusterVersion: 1);
        var waits = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            schedule.Healed(1, foundDifference: false);
            waits.Add(TicksUntilDue(schedule, 1));
        }

        // 30 s, 1, 2, 4 min, then 5 min (10 ticks) and no longer.
        Assert.Equal([2, 4, 8, 10, 10, 10], waits);
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.Wait);
    }

    [Fact]
    public void A_heal_that_finds_a_difference_starts_again_from_one_tick()
    {
        var schedule = new HealSchedule(Tick, TimeSpan.FromMinutes(5), clusterVersion: 1);
        for (var i = 0; i < 5; i++)
        {
            schedule.Healed(1, foundDifference: false);
        }

        schedule.Healed(1, foundDifference: true);

        Assert.Equal(Tick, schedule.Wait);
        Assert.Equal(1, TicksUntilDue(schedule, 1));
    }

    [Fact]
    public void A_cluster_change_makes_the_next_tick_heal_however_long_the_wait()
    {
        var schedule = new HealSchedule(Tick, TimeSpan.FromMinutes(5), clusterVersion: 1);
        for (var i = 0; i < 5; i++)
        {
            schedule.Healed(1, foundDifference: false);
        }

        Assert.False(schedule.IsDue(1));
        Assert.True(schedule.IsDue(2));

        // Healed under the new version and found nothing: the backed-off wait holds again.
        schedule.Healed(2, foundDifference: false);
        Assert.Equal(10, TicksUntilDue(schedule, 2));
    }

    [Fact]
    public void A_change_during_a_heal_is_not_taken_as_seen()
    {
        var schedule = new HealSchedule(Tick, TimeSpan.FromMinutes(5), clusterVersion: 1);
        for (var i = 0; i < 5; i++)
        {
            schedule.Healed(1, foundDifference: false);
        }

        // The heal started under version 1 and the silo learned of version 2 while it ran.
        schedule.Healed(1, foundDifference: false);

        Assert.True(schedule.IsDue(2));
    }

    [Fact]
    public void A_longest_wait_below_the_tick_heals_every_tick()
    {
        var schedule = new HealSchedule(Tick, TimeSpan.FromSeconds(10), clusterVersion: 0);
        schedule.Healed(0, foundDifference: false);
        schedule.Healed(0, foundDifference: false);

        Assert.Equal(1, TicksUntilDue(schedule, 0));
    }

    [Fact]
    public void The_tick_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealSchedule(TimeSpan.Zero, TimeSpan.FromMinutes(5), 0));
    }
}
