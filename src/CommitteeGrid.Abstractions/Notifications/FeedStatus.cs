namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>Where a feed stands: its newest item's number, the read mark, and how many retained items are unread.</summary>
[GenerateSerializer, Immutable, Alias("cg.FeedStatus")]
public sealed record FeedStatus(
    [property: Id(0)] string Recipient,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] long ReadThrough,
    [property: Id(3)] int Unread);
