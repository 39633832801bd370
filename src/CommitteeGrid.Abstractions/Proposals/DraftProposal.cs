namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>A member drafts a proposal (提案); the lead author is the drafter.</summary>
[GenerateSerializer, Immutable, Alias("cg.DraftProposal")]
public sealed record DraftProposal(
    [property: Id(0)] string Lead,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body);
