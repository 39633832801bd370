using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// The outcome of checking a proposal command: a rejection, or the event to record with the subject
/// (the register it brings the proposal into, if any) and the counts it credits.
/// </summary>
public sealed record ProposalDecision(Rejection? Rejection, ProposalEvent? Event, string? Subject, IReadOnlyList<TallyDelta> Deltas)
{
    public static ProposalDecision Refuse(RejectionKind kind, string message) => new(new Rejection(kind, message), null, null, []);

    public static ProposalDecision Refuse(Rejection rejection) => new(rejection, null, null, []);

    public static ProposalDecision Accept(ProposalEvent e, IReadOnlyList<TallyDelta>? deltas = null, string? subject = null) =>
        new(null, e, subject, deltas ?? []);
}
