namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>
/// One attempt to deliver one event to a webhook: the receiver's HTTP status (null when there was no
/// answer) or the error, and what followed: "delivered", "retrying" or "gave_up".
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.DeliveryAttempt")]
public sealed record DeliveryAttempt(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Kind,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int? Status,
    [property: Id(5)] string? Error,
    [property: Id(6)] long DurationMs,
    [property: Id(7)] string Outcome);
