namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// The numbering of registered proposals for one committee and session, keyed "{committee}/{session}".
/// Each number is one ledger entry whose version is the number, so numbers are gap-free and unique.
/// </summary>
public interface IProposalRegisterGrain : IGrainWithStringKey
{
    /// <summary>The proposal's number: the next one, or the one it already holds.</summary>
    Task<int> Take(string proposalId);

    /// <summary>How many numbers have been given.</summary>
    [AlwaysInterleave]
    Task<int> Count();
}
