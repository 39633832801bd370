namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>Register a webhook for a unit: where to POST, and which event kinds (all when empty).</summary>
[GenerateSerializer, Immutable, Alias("cg.CreateWebhook")]
public sealed record CreateWebhook(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events);
