using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>One proposal (提案), keyed by its id, from draft to closed.</summary>
public interface IProposalGrain : IGrainWithStringKey
{
    Task<CommandResult> Draft(CommandMeta meta, DraftProposal command);

    Task<CommandResult> Invite(CommandMeta meta, InviteCosigners command);

    Task<CommandResult> Sign(CommandMeta meta, SignProposal command);

    Task<CommandResult> Submit(CommandMeta meta, SubmitProposal command);

    Task<CommandResult> Withdraw(CommandMeta meta, WithdrawProposal command);

    Task<CommandResult> Review(CommandMeta meta, ReviewProposal command);

    Task<CommandResult> Assign(CommandMeta meta, AssignProposal command);

    Task<CommandResult> Answer(CommandMeta meta, AnswerProposal command);

    Task<CommandResult> HandBack(CommandMeta meta, HandBackProposal command);

    Task<CommandResult> Rate(CommandMeta meta, RateProposal command);

    /// <summary>
    /// Called by a proposal merged into this one: its proposers join this proposal's. Idempotent per
    /// merged proposal; refused unless this proposal is registered in the same committee.
    /// </summary>
    Task<CommandResult> Absorb(string mergedId, string committee, string lead, IReadOnlyList<string> cosigners);

    /// <summary>
    /// Why a proposal of <paramref name="committee"/> cannot be merged into this one now, or null when it
    /// can. Interleaved: a read that one proposal asks of another while it holds its own turn.
    /// </summary>
    [AlwaysInterleave]
    Task<Rejection?> CheckMergeTarget(string mergedId, string committee);

    /// <summary>The proposal with its history, or null when it was never drafted.</summary>
    [AlwaysInterleave]
    Task<ProposalView?> GetView();

    /// <summary>The proposal as its committee's register shows it, or null before it is submitted.</summary>
    [AlwaysInterleave]
    Task<ProposalSummary?> GetSummary();
}
