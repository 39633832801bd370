namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>A registered webhook as anyone may see it: never its secret. Events empty means every kind.</summary>
[GenerateSerializer, Immutable, Alias("cg.WebhookView")]
public sealed record WebhookView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Unit,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> Events,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy);
