namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>
/// Part of a recipient's feed, oldest first. LastSeq is the newest item's number (0 when none), ReadThrough
/// the number up to which the recipient has marked items read; HasMore says newer items were left off.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.FeedPage")]
public sealed record FeedPage(
    [property: Id(0)] string Recipient,
    [property: Id(1)] IReadOnlyList<Notification> Items,
    [property: Id(2)] long LastSeq,
    [property: Id(3)] long ReadThrough,
    [property: Id(4)] int Unread,
    [property: Id(5)] bool HasMore);
