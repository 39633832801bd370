using CommitteeGrid.Abstractions.Proposals;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>A committee's proposal register (提案登记): every proposal submitted to it, as it stands now.</summary>
public interface IProposalOfficeGrain : IGrainWithStringKey
{
    /// <summary>
    /// The register, numbered ones first by number, then newest first. Filters: status, session,
    /// overdue (some handling unit owes an answer past its due time).
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<ProposalSummary>> GetRegister(string? status, string? session, bool overdueOnly, int limit);

    /// <summary>Every proposal a handling unit has had a part in (what its queue heals from).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<ProposalSummary>> GetAssignedTo(string unit);

    /// <summary>Pull what the register lacks from the ledger now (normally done on activation and on a timer).</summary>
    Task Heal();
}
