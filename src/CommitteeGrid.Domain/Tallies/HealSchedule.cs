namespace CommitteeGrid.Domain.Tallies;

/// <summary>
/// When a rollup's periodic heal is due, counted in ticks of the shortest interval. A stream message is
/// lost when a silo leaves (or a delivery fails), and most heals find nothing: each one that finds
/// nothing doubles the wait, up to the longest; one that finds a difference starts again from one tick.
/// A change in the cluster's membership makes the next tick heal whatever the wait, because that is when
/// messages go missing: a national network of 76,000 quiet units then costs its database a heal per
/// unit every few minutes, not every 30 s, and a silo loss is still healed within a tick.
/// </summary>
public sealed class HealSchedule
{
    private readonly int _mostTicks;
    private int _everyTicks = 1;
    private int _ticksSince;
    private long _clusterVersion;

    /// <param name="tick">How often the unit asks whether a heal is due (the shortest wait).</param>
    /// <param name="longest">The longest wait between heals that find nothing.</param>
    /// <param name="clusterVersion">The cluster membership version the unit starts under.</param>
    public HealSchedule(TimeSpan tick, TimeSpan longest, long clusterVersion)
    {
        if (tick <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), tick, "The heal tick must be positive.");
        }

        _mostTicks = (int)Math.Clamp(longest.Ticks / tick.Ticks, 1, int.MaxValue);
        _clusterVersion = clusterVersion;
        Tick = tick;
    }

    public TimeSpan Tick { get; }

    /// <summary>The wait before the next heal if the cluster stays as it is.</summary>
    public TimeSpan Wait => Tick * _everyTicks;

    /// <summary>One tick has passed: whether to heal now.</summary>
    public bool IsDue(long clusterVersion)
    {
        _ticksSince++;
        return clusterVersion != _clusterVersion || _ticksSince >= _everyTicks;
    }

    /// <summary>
    /// A heal that started under <paramref name="clusterVersion"/> has ended (however it was asked for):
    /// the wait starts again, one tick if it found a difference (or failed), twice as long if not.
    /// </summary>
    public void Healed(long clusterVersion, bool foundDifference)
    {
        _ticksSince = 0;
        _clusterVersion = clusterVersion;
        _everyTicks = foundDifference ? 1 : (int)Math.Min((long)_everyTicks * 2, _mostTicks);
    }
}
