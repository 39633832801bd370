using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>One item of a feed: an event as its recipient sees it, numbered in the order the feed received it.</summary>
[GenerateSerializer, Immutable, Alias("cg.Notification")]
public sealed record Notification(
    [property: Id(0)] long Seq,
    [property: Id(1)] string EventId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string SubjectId,
    [property: Id(4)] string Title,
    [property: Id(5)] string? Committee,
    [property: Id(6)] CommitteeLevel Level,
    [property: Id(7)] DateTimeOffset OccurredAt,
    [property: Id(8)] string? Detail,
    [property: Id(9)] bool Read);
