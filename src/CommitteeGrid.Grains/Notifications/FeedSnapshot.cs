using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>A feed's persisted state: plain fields, so any grain-storage serializer round-trips it.</summary>
[GenerateSerializer, Alias("cg.FeedSnapshot")]
public sealed class FeedSnapshot
{
    [Id(0)]
    public long LastSeq { get; set; }

    [Id(1)]
    public long ReadThrough { get; set; }

    [Id(2)]
    public List<StoredNotification> Items { get; set; } = [];

    [Id(3)]
    public List<StoredMark> Marks { get; set; } = [];

    public static FeedSnapshot From(NotificationFeed feed) => new()
    {
        LastSeq = feed.LastSeq,
        ReadThrough = feed.ReadThrough,
        Items = [.. feed.Items.Select(StoredNotification.From)],
        Marks = [.. feed.Marks.Select(m => new StoredMark { Key = m.Key, Through = m.Through, LastSeq = m.LastSeq, ReadThrough = m.ReadThrough, Unread = m.Unread })],
    };

    public NotificationFeed ToFeed(int capacity) => NotificationFeed.Restore(
        capacity, LastSeq, ReadThrough, Items.Select(i => i.ToNotification()), Marks.Select(m => new ReadMark(m.Key, m.Through, m.LastSeq, m.ReadThrough, m.Unread)));
}

[GenerateSerializer, Alias("cg.StoredNotification")]
public sealed class StoredNotification
{
    [Id(0)]
    public long Seq { get; set; }

    [Id(1)]
    public string EventId { get; set; } = "";

    [Id(2)]
    public string Kind { get; set; } = "";

    [Id(3)]
    public string SubjectId { get; set; } = "";

    [Id(4)]
    public string Title { get; set; } = "";

    [Id(5)]
    public string? Committee { get; set; }

    [Id(6)]
    public CommitteeLevel Level { get; set; }

    [Id(7)]
    public DateTimeOffset OccurredAt { get; set; }

    [Id(8)]
    public string? Detail { get; set; }

    public static StoredNotification From(Notification n) => new()
    {
        Seq = n.Seq,
        EventId = n.EventId,
        Kind = n.Kind,
        SubjectId = n.SubjectId,
        Title = n.Title,
        Committee = n.Committee,
        Level = n.Level,
        OccurredAt = n.OccurredAt,
        Detail = n.Detail,
    };

    public Notification ToNotification() => new(Seq, EventId, Kind, SubjectId, Title, Committee, Level, OccurredAt, Detail, Read: false);
}

[GenerateSerializer, Alias("cg.StoredMark")]
public sealed class StoredMark
{
    [Id(0)]
    public string Key { get; set; } = "";

    [Id(1)]
    public long Through { get; set; }

    [Id(2)]
    public long ReadThrough { get; set; }

    [Id(3)]
    public long LastSeq { get; set; }

    [Id(4)]
    public int Unread { get; set; }
}
