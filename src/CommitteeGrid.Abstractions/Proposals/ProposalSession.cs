namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>
/// A session (届次/次会议) of a committee: proposals submitted from its plenary start until the next
/// session's belong to it; those inside the plenary dates were submitted during the plenary (大会期间).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ProposalSession")]
public sealed record ProposalSession(
    [property: Id(0)] string Committee,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] DateOnly? PlenaryStart,
    [property: Id(4)] DateOnly? PlenaryEnd);
