using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Proposals;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// Who hears of a step in a proposal's life: an invitee of the invitation; the committee office of a
/// submission and of a hand-back; all proposers of the office's decisions and of the answer; each handling
/// unit of its assignment and of its due-time warnings. Steps nobody needs to hear of give no event.
/// </summary>
public static class ProposalNotices
{
    /// <summary>The event for an entry just applied to <paramref name="proposal"/> (the state after it), or null.</summary>
    public static DomainEvent? For(ProposalState proposal, LedgerEntry entry, ProposalEvent e, CommitteeLevel level)
    {
        var (kind, recipients, detail) = e switch
        {
            ProposalInvited i => (EventKinds.ProposalInvited, i.Members, $"signing closes {ProposalRules.Show(i.Deadline)}; lead {proposal.Lead}"),
            ProposalSubmitted s => (EventKinds.ProposalSubmitted, [proposal.Committee], $"{s.SessionName}; lead {proposal.Lead}"),
            ProposalRegistered r => (EventKinds.ProposalRegistered, r.Proposers, r.NumberText),
            ProposalNotRegistered n => (EventKinds.ProposalNotRegistered, n.Proposers, n.ReportId is null ? n.Reason : $"{n.Reason}; turned into report {n.ReportId}"),

            // Told on the surviving proposal, which knows both proposals' proposers (its own now include them).
            ProposalAbsorbed a => (EventKinds.ProposalMerged, proposal.Proposers, $"{a.From} merged into {proposal.Id}"),
            ProposalAssigned a => (EventKinds.ProposalAssigned, a.CoUnits.Prepend(a.LeadUnit).ToList(), $"lead {a.LeadUnit}; due {ProposalRules.Show(a.DueAt)}"),
            ProposalHandedBack h => (EventKinds.ProposalHandedBack, [proposal.Committee], $"{h.Unit}: {h.Reason}"),
            ProposalAnswered a => (EventKinds.ProposalAnswered, a.Proposers, $"{a.Unit}: class {a.Class.Letter()}"),
            ProposalDueSoon d => (EventKinds.ProposalDueSoon, [d.Unit], $"due {ProposalRules.Show(d.DueAt)}"),
            ProposalOverdue o => (EventKinds.ProposalOverdue, [o.Unit], $"was due {ProposalRules.Show(o.DueAt)}"),
            _ => (null, (IReadOnlyList<string>)[], (string?)null),
        };

        return kind is null
            ? null
            : new DomainEvent(
                DomainEvent.IdOf(entry.Stream, entry.Version), kind, proposal.Id, proposal.Title, proposal.Committee, level,
                entry.OccurredAt, [.. recipients.Distinct(StringComparer.Ordinal)], detail);
    }
}
