using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// A recipient's feed: the newest <c>capacity</c> notifications numbered 1, 2, … in arrival order, an
/// event kept once however often it arrives, and a read mark that only moves forward.
/// </summary>
public sealed class NotificationFeed
{
    /// <summary>Mark-read answers kept for retries with the same idempotency key.</summary>
    public const int KeptMarks = 64;

    private readonly int _capacity;
    private readonly List<Notification> _items = [];
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly List<ReadMark> _marks = [];

    public NotificationFeed(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>The number of the newest notification ever added (0 when none); never goes back.</summary>
    public long LastSeq { get; private set; }

    public long ReadThrough { get; private set; }

    /// <summary>Retained notifications, oldest first (their Read flag is set when paged).</summary>
    public IReadOnlyList<Notification> Items => _items;

    public IReadOnlyList<ReadMark> Marks => _marks;

    public int Unread => _items.Count(i => i.Seq > ReadThrough);

    /// <summary>Rebuilds a feed from what was stored.</summary>
    public static NotificationFeed Restore(int capacity, long lastSeq, long readThrough, IEnumerable<Notification> items, IEnumerable<ReadMark> marks)
    {
        var feed = new NotificationFeed(capacity) { LastSeq = lastSeq, ReadThrough = readThrough };
        foreach (var item in items.OrderBy(i => i.Seq).TakeLast(capacity))
        {
            feed._items.Add(item with { Read = false });
            feed._eventIds.Add(item.EventId);
            feed.LastSeq = Math.Max(feed.LastSeq, item.Seq);
        }

        feed._marks.AddRange(marks.TakeLast(KeptMarks));
        return feed;
    }

    /// <summary>Adds the event as the next notification; false when it is already in the feed.</summary>
    public bool Add(DomainEvent e)
    {
        if (!_eventIds.Add(e.EventId))
        {
            return false;
        }

        LastSeq++;
        _items.Add(new Notification(LastSeq, e.EventId, e.Kind, e.SubjectId, e.Title, e.Committee, e.Level, e.OccurredAt, e.Detail, Read: false));
        if (_items.Count > _capacity)
        {
            _eventIds.Remove(_items[0].EventId);
            _items.RemoveAt(0);
        }

        return true;
    }

    /// <summary>
    /// After <paramref name="after"/>: the first <paramref name="limit"/> items newer than it. Without it:
    /// the newest <paramref name="limit"/> items. Oldest first either way.
    /// </summary>
    public FeedPage Page(string recipient, long? after, int limit)
    {
        var newer = after is { } a ? _items.Where(i => i.Seq > a).ToList() : _items;
        var items = after is null ? newer.TakeLast(limit) : newer.Take(limit);
        var hasMore = after is not null && newer.Count > limit;
        return new FeedPage(recipient, [.. items.Select(i => i with { Read = i.Seq <= ReadThrough })], LastSeq, ReadThrough, Unread, hasMore);
    }

    /// <summary>
    /// Marks items up to <paramref name="through"/> read: never past the newest item (so later ones arrive
    /// unread) and never back. A retry with the same key and value gets the first answer; the same key
    /// with another value is refused (null).
    /// </summary>
    public (ReadMark Mark, bool Replayed)? MarkRead(string key, long through)
    {
        if (_marks.Find(m => m.Key == key) is { } seen)
        {
            return seen.Through == through ? (seen, true) : null;
        }

        ReadThrough = Math.Max(ReadThrough, Math.Min(through, LastSeq));
        var mark = new ReadMark(key, through, LastSeq, ReadThrough, Unread);
        _marks.Add(mark);
        if (_marks.Count > KeptMarks)
        {
            _marks.RemoveAt(0);
        }

        return (mark, false);
    }
}

/// <summary>A mark-read request kept for retries: its key, what it asked for, and the feed as it answered.</summary>
public sealed record ReadMark(string Key, long Through, long LastSeq, long ReadThrough, int Unread);
