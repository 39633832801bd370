namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>A handling unit hands the proposal back (退回) to the office, saying why.</summary>
[GenerateSerializer, Immutable, Alias("cg.HandBackProposal")]
public sealed record HandBackProposal(
    [property: Id(0)] string Unit,
    [property: Id(1)] string Reason);
