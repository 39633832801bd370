using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>
/// A webhook's persisted state: where it delivers, its secret, the outbox (each event's body is fixed
/// when queued, so every attempt sends the same bytes), recent attempts, and recently delivered event
/// ids (a re-dispatched event is not delivered twice).
/// </summary>
[GenerateSerializer, Alias("cg.WebhookSnapshot")]
public sealed class WebhookSnapshot
{
    [Id(0)]
    public bool Open { get; set; }

    [Id(1)]
    public string Id { get; set; } = "";

    [Id(2)]
    public string Unit { get; set; } = "";

    [Id(3)]
    public string Url { get; set; } = "";

    [Id(4)]
    public List<string> Events { get; set; } = [];

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(6)]
    public string CreatedBy { get; set; } = "";

    [Id(7)]
    public string Secret { get; set; } = "";

    [Id(8)]
    public List<OutboxItem> Outbox { get; set; } = [];

    [Id(9)]
    public List<StoredAttempt> Attempts { get; set; } = [];

    [Id(10)]
    public List<string> Delivered { get; set; } = [];

    public WebhookView View() => new(Id, Unit, Url, [.. Events], CreatedAt, CreatedBy);
}

[GenerateSerializer, Alias("cg.OutboxItem")]
public sealed class OutboxItem
{
    [Id(0)]
    public string EventId { get; set; } = "";

    [Id(1)]
    public string Kind { get; set; } = "";

    [Id(2)]
    public string Body { get; set; } = "";

    [Id(3)]
    public int Attempts { get; set; }

    [Id(4)]
    public DateTimeOffset QueuedAt { get; set; }

    [Id(5)]
    public DateTimeOffset NextAttemptAt { get; set; }

    public PendingDelivery ToView() => new(EventId, Kind, Attempts, QueuedAt, NextAttemptAt);
}

[GenerateSerializer, Alias("cg.StoredAttempt")]
public sealed class StoredAttempt
{
    [Id(0)]
    public string EventId { get; set; } = "";

    [Id(1)]
    public string Kind { get; set; } = "";

    [Id(2)]
    public int Attempt { get; set; }

    [Id(3)]
    public DateTimeOffset At { get; set; }

    [Id(4)]
    public int? Status { get; set; }

    [Id(5)]
    public string? Error { get; set; }

    [Id(6)]
    public long DurationMs { get; set; }

    [Id(7)]
    public string Outcome { get; set; } = "";

    public DeliveryAttempt ToView() => new(EventId, Kind, Attempt, At, Status, Error, DurationMs, Outcome);
}
