namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>A webhook's outbox and its most recent delivery attempts, newest first.</summary>
[GenerateSerializer, Immutable, Alias("cg.WebhookDeliveries")]
public sealed record WebhookDeliveries(
    [property: Id(0)] WebhookView Webhook,
    [property: Id(1)] IReadOnlyList<PendingDelivery> Pending,
    [property: Id(2)] IReadOnlyList<DeliveryAttempt> Attempts);
