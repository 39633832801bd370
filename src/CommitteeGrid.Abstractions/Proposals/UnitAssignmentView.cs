namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>
/// One handling unit's part in a proposal: lead (主办) or co-handling (会办), in assignment round
/// Round. Active until the unit answers or hands back, or the proposal is handed back as a whole.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.UnitAssignmentView")]
public sealed record UnitAssignmentView(
    [property: Id(0)] string Unit,
    [property: Id(1)] string Role,
    [property: Id(2)] int Round,
    [property: Id(3)] DateTimeOffset AssignedAt,
    [property: Id(4)] DateTimeOffset DueAt,
    [property: Id(5)] DateTimeOffset? AnsweredAt,
    [property: Id(6)] DateTimeOffset? HandedBackAt,
    [property: Id(7)] bool Active)
{
    /// <summary>Still owed an answer after its due time.</summary>
    public bool IsOverdue(DateTimeOffset now) => Active && AnsweredAt is null && now > DueAt;
}
