namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>交办: the office assigns a lead handling unit (主办) and optional co-handling units (会办).</summary>
[GenerateSerializer, Immutable, Alias("cg.AssignProposal")]
public sealed record AssignProposal(
    [property: Id(0)] string Committee,
    [property: Id(1)] string LeadUnit,
    [property: Id(2)] IReadOnlyList<string> CoUnits,
    [property: Id(3)] DateTimeOffset? DueAt);
