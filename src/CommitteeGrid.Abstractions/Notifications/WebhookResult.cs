using CommitteeGrid.Abstractions.Commands;

namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>
/// The answer to registering or deleting a webhook: the webhook and the ledger receipt, or a rejection.
/// Secret is set only in the answer to the registration (and to a retry of it with the same key).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.WebhookResult")]
public sealed record WebhookResult(
    [property: Id(0)] WebhookView? Webhook,
    [property: Id(1)] string? Secret,
    [property: Id(2)] Receipt? Receipt,
    [property: Id(3)] Rejection? Rejection,
    [property: Id(4)] bool Replayed)
{
    public static WebhookResult Refuse(RejectionKind kind, string message) => new(null, null, null, new Rejection(kind, message), false);
}
