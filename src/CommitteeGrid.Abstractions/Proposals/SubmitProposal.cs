namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>The lead submits the proposal to the committee; open invitations lapse.</summary>
[GenerateSerializer, Immutable, Alias("cg.SubmitProposal")]
public sealed record SubmitProposal([property: Id(0)] string Lead);
