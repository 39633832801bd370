using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Abstractions.Reports;

[GenerateSerializer, Immutable, Alias("cg.InfoReportView")]
public sealed record InfoReportView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Lead,
    [property: Id(2)] IReadOnlyList<string> CoAuthors,
    [property: Id(3)] string Title,
    [property: Id(4)] string Body,
    [property: Id(5)] string Status,
    [property: Id(6)] string CurrentCommittee,
    [property: Id(7)] DateTimeOffset SubmittedAt,
    [property: Id(8)] long Version,
    [property: Id(9)] IReadOnlyList<LevelView> Levels,
    [property: Id(10)] IReadOnlyList<HistoryEntry> History);

/// <summary>Where a report stands at one committee it has reached.</summary>
[GenerateSerializer, Immutable, Alias("cg.LevelView")]
public sealed record LevelView(
    [property: Id(0)] string Committee,
    [property: Id(1)] CommitteeLevel Level,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] string Status,
    [property: Id(4)] bool Adopted,
    [property: Id(5)] bool Forwarded,
    [property: Id(6)] IReadOnlyList<EndorsementView> Endorsements);

[GenerateSerializer, Immutable, Alias("cg.EndorsementView")]
public sealed record EndorsementView(
    [property: Id(0)] string LeaderTitle,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Note);

/// <summary>One step of a report's history: what, who, when, at which committee.</summary>
[GenerateSerializer, Immutable, Alias("cg.HistoryEntry")]
public sealed record HistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] string Event,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Role,
    [property: Id(5)] string? Committee,
    [property: Id(6)] CommitteeLevel Level,
    [property: Id(7)] string? Detail);
