using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// The notification feed of one recipient (a member code or a unit code): the latest events that concern
/// it, numbered in arrival order. Publishers hand it each event with a one-way call (<see cref="Deliver"/>).
/// </summary>
public interface INotificationFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the event (once: a repeat of its id is ignored). One-way: the publisher's command is already
    /// durable and does not wait for feeds; a delivery lost with a silo is lost like a memory-stream message.
    /// </summary>
    [OneWay]
    Task Deliver(DomainEvent e);

    /// <summary>Items after <paramref name="after"/> (oldest first), or the newest <paramref name="limit"/> when null.</summary>
    Task<FeedPage> Read(long? after, int limit);

    /// <summary>
    /// Like <see cref="Read"/> after <paramref name="after"/>, but waits up to <paramref name="maxWait"/> for
    /// an item when there is none yet (a long poll for live pages). Interleaves, so many can wait at once;
    /// cancelling (the page went away, the host is stopping) ends the wait at once.
    /// </summary>
    [AlwaysInterleave]
    Task<FeedPage> WaitAfter(long after, int limit, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Marks every item up to <paramref name="through"/> read (never moves the mark back).</summary>
    Task<MarkReadResult> MarkRead(CommandMeta meta, long through);
}
