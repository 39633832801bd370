namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>The lead withdraws the proposal before the office has reviewed it.</summary>
[GenerateSerializer, Immutable, Alias("cg.WithdrawProposal")]
public sealed record WithdrawProposal(
    [property: Id(0)] string Lead,
    [property: Id(1)] string? Reason);
