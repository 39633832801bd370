namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>A proposer rates the answer (满意/基本满意/不满意).</summary>
[GenerateSerializer, Immutable, Alias("cg.RateProposal")]
public sealed record RateProposal(
    [property: Id(0)] string Member,
    [property: Id(1)] Satisfaction Rating);
