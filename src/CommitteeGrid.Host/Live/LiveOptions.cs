namespace CommitteeGrid.Host.Live;

/// <summary>How live tally streams watch a unit (configuration section "Live").</summary>
public sealed class LiveOptions
{
    /// <summary>
    /// How often each stream reads the unit's tally version. Rollups publish at most every 50 ms per
    /// hop, so a quarter second keeps a page within a second of an event at a few cheap calls per second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A comment line sent when nothing changed for this long, so proxies keep the connection open.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>What the browser waits before reconnecting a dropped stream (the SSE "retry" field).</summary>
    public TimeSpan Retry { get; set; } = TimeSpan.FromSeconds(2);
}
