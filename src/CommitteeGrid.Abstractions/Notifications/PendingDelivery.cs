namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>An event waiting in a webhook's outbox: how often it was tried and when it will be tried next.</summary>
[GenerateSerializer, Immutable, Alias("cg.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Kind,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset QueuedAt,
    [property: Id(4)] DateTimeOffset NextAttemptAt);
