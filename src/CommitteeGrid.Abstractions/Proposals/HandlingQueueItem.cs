namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>A proposal in one handling unit's queue, with that unit's part in it.</summary>
[GenerateSerializer, Immutable, Alias("cg.HandlingQueueItem")]
public sealed record HandlingQueueItem(
    [property: Id(0)] string ProposalId,
    [property: Id(1)] string Committee,
    [property: Id(2)] string? NumberText,
    [property: Id(3)] string Title,
    [property: Id(4)] string ProposalStatus,
    [property: Id(5)] bool Key,
    [property: Id(6)] UnitAssignmentView Assignment,
    [property: Id(7)] bool Overdue,
    [property: Id(8)] long Version);
