using CommitteeGrid.Abstractions.Commands;

namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>The feed's status after marking read, or a rejection. Replayed is true when the key had been seen.</summary>
[GenerateSerializer, Immutable, Alias("cg.MarkReadResult")]
public sealed record MarkReadResult(
    [property: Id(0)] FeedStatus? Status,
    [property: Id(1)] Rejection? Rejection,
    [property: Id(2)] bool Replayed);
