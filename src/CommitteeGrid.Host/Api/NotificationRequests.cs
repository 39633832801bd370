namespace CommitteeGrid.Host.Api;

/// <summary>POST /api/feeds/{code}/read: mark every item up to this number read.</summary>
public sealed record MarkReadRequest(long? Through);

/// <summary>POST /api/units/{code}/webhooks: where to POST events, and which kinds (all when left out).</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);
