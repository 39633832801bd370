namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>
/// A decision of the committee's proposal office. Reason: why not registered (required) or why closed.
/// Into: the registered proposal a merge goes into. LeadingLeader: the leader who leads the handling
/// of a key proposal (领衔督办). ToReport: turn a proposal not registered into an information report,
/// with ReportBody when the proposal's text is too long for one.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ReviewProposal")]
public sealed record ReviewProposal(
    [property: Id(0)] string Committee,
    [property: Id(1)] ReviewAction Action,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] string? Into = null,
    [property: Id(4)] string? LeadingLeader = null,
    [property: Id(5)] bool ToReport = false,
    [property: Id(6)] string? ReportBody = null);
