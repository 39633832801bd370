namespace CommitteeGrid.Grains.Notifications;

/// <summary>Notification feeds (configuration section "Notifications").</summary>
public sealed class NotificationOptions
{
    /// <summary>How many notifications a feed keeps; older ones drop off.</summary>
    public int FeedCapacity { get; set; } = 500;

    /// <summary>
    /// A feed writes its state at most once per interval (and when it deactivates): a burst of events
    /// costs one write, and a crash loses at most this much of a feed, as a lost stream message would.
    /// </summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one live-feed poll waits for news before the page gets a keep-alive.</summary>
    public TimeSpan LiveWait { get; set; } = TimeSpan.FromSeconds(15);
}
