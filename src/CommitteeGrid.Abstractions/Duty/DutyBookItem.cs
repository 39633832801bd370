namespace CommitteeGrid.Abstractions.Duty;

/// <summary>A member's self-reported record as the member's activity group sees it (to confirm or reject).</summary>
[GenerateSerializer, Immutable, Alias("cg.DutyBookItem")]
public sealed record DutyBookItem(
    [property: Id(0)] string RecordId,
    [property: Id(1)] string Group,
    [property: Id(2)] string Member,
    [property: Id(3)] DutyKind Kind,
    [property: Id(4)] string Title,
    [property: Id(5)] DateOnly Date,
    [property: Id(6)] int Count,
    [property: Id(7)] string Status,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] long Version);
