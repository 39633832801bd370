namespace CommitteeGrid.Abstractions.Duty;

/// <summary>A duty record with its history. Status: recorded (by the organiser), pending, confirmed or rejected.</summary>
[GenerateSerializer, Immutable, Alias("cg.DutyRecordView")]
public sealed record DutyRecordView(
    [property: Id(0)] string Id,
    [property: Id(1)] DutyKind Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] DateOnly Date,
    [property: Id(4)] int Count,
    [property: Id(5)] string? Organiser,
    [property: Id(6)] string? Member,
    [property: Id(7)] string? Group,
    [property: Id(8)] IReadOnlyList<string> Attendees,
    [property: Id(9)] string Status,
    [property: Id(10)] string? Reason,
    [property: Id(11)] DateTimeOffset RecordedAt,
    [property: Id(12)] long Version,
    [property: Id(13)] IReadOnlyList<DutyHistoryEntry> History);

[GenerateSerializer, Immutable, Alias("cg.DutyHistoryEntry")]
public sealed record DutyHistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] string Event,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Role);
