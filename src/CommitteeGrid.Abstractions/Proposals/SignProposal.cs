namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>An invited member accepts (signs) or declines.</summary>
[GenerateSerializer, Immutable, Alias("cg.SignProposal")]
public sealed record SignProposal(
    [property: Id(0)] string Member,
    [property: Id(1)] bool Accept);
