using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// Part two: the committee proposal office's decisions. Registration takes a number from the register
/// of the proposal's committee and session, so it is checked first (<see cref="CheckReview"/>) and
/// decided with the number (<see cref="Register"/>); a merge is checked against the surviving proposal
/// by its grain (<see cref="CheckMergeTarget"/>) before <see cref="Review"/> records it.
/// </summary>
public static partial class ProposalRules
{
    /// <summary>The checks every review action makes before anything is taken or recorded; null when it may go ahead.</summary>
    public static Rejection? CheckReview(ProposalState state, ProposalCatalog catalog, ReviewProposal command)
    {
        if (!state.Exists)
        {
            return NotFound(state).Rejection;
        }

        if (catalog.Network.Find(command.Committee) is not { IsCommittee: true })
        {
            return new Rejection(RejectionKind.Invalid, $"'{command.Committee}' is not a committee of the network");
        }

        if (command.Committee != state.Committee)
        {
            return new Rejection(RejectionKind.Forbidden, $"proposal {state.Id} is before committee {state.Committee}; the office of committee {command.Committee} cannot decide on it");
        }

        var status = state.Status;
        var at = $"proposal {state.Id} is {status}";
        switch (command.Action)
        {
            case ReviewAction.Register:
            case ReviewAction.NotRegister:
            case ReviewAction.Merge:
                if (status != ProposalStatus.Submitted)
                {
                    return new Rejection(RejectionKind.Conflict, status is ProposalStatus.Draft or ProposalStatus.Signing or ProposalStatus.SigningClosed
                        ? $"{at}; it has not been submitted"
                        : $"{at}; the office has already decided on it");
                }

                if (command.Action == ReviewAction.NotRegister)
                {
                    if (TextRules.Check("reason", command.Reason, MaxReasonLength, multiline: true) is { } noReason)
                    {
                        return new Rejection(RejectionKind.Invalid, noReason + " (say why it is not registered)");
                    }

                    if (command.ToReport)
                    {
                        var body = command.ReportBody ?? state.Body;
                        if (TextRules.Check(command.ReportBody is null ? "body" : "reportBody", body, InfoReportRules.MaxBodyLength, multiline: true) is { } tooLong)
                        {
                            return new Rejection(RejectionKind.Invalid, command.ReportBody is null
                                ? $"the proposal is too long for an information report ({tooLong}); give reportBody, the text of the report"
                                : tooLong);
                        }
                    }
                    else if (command.ReportBody is not null)
                    {
                        return new Rejection(RejectionKind.Invalid, "reportBody is only for a proposal turned into an information report (toReport: true)");
                    }
                }

                if (command.Action == ReviewAction.Merge)
                {
                    if (string.IsNullOrWhiteSpace(command.Into) || !ProposalIds.IsProposalId(command.Into))
                    {
                        return new Rejection(RejectionKind.Invalid, "into (the id of the registered proposal it merges into) is required");
                    }

                    if (command.Into == state.Id)
                    {
                        return new Rejection(RejectionKind.Invalid, $"proposal {state.Id} cannot be merged into itself");
                    }
                }

                return null;

            case ReviewAction.Key:
                if (!ProposalStatus.IsRegisteredOpen(status))
                {
                    return new Rejection(RejectionKind.Conflict, $"{at}; only a registered proposal that is not closed can be marked key");
                }

                if (state.Key)
                {
                    return new Rejection(RejectionKind.Conflict, $"proposal {state.Id} is already a key proposal");
                }

                return TextRules.Check("leadingLeader", command.LeadingLeader, MaxLeaderLength, required: false) is { } badLeader
                    ? new Rejection(RejectionKind.Invalid, badLeader)
                    : null;

            case ReviewAction.Excellent:
                if (!state.Registered || state.Withdrawn)
                {
                    return new Rejection(RejectionKind.Conflict, $"{at}; only a registered proposal can be marked excellent");
                }

                return state.Excellent ? new Rejection(RejectionKind.Conflict, $"proposal {state.Id} is already marked excellent") : null;

            case ReviewAction.Close:
                if (status != ProposalStatus.Answered)
                {
                    return new Rejection(RejectionKind.Conflict, $"{at}; only an answered proposal that is not closed can be closed");
                }

                return TextRules.Check("reason", command.Reason, MaxReasonLength, required: false, multiline: true) is { } badReason
                    ? new Rejection(RejectionKind.Invalid, badReason)
                    : null;

            default:
                return new Rejection(RejectionKind.Invalid, $"unknown action '{command.Action}'; expected register, notRegister, merge, key, excellent or close");
        }
    }

    /// <summary>立案 with the number the register gave (after <see cref="CheckReview"/> passed).</summary>
    public static ProposalDecision Register(ProposalState state, ProposalCatalog catalog, int number, DateTimeOffset now)
    {
        var numberText = NumberText(state.Session!, number);
        var proposers = state.Proposers;
        return ProposalDecision.Accept(
            new ProposalRegistered(state.Session!, number, numberText, [.. proposers]),
            ProposalCredits.ToProposers(catalog.Network, proposers, now, ProposalCounters.Registered));
    }

    /// <summary>How a number reads: the session and a four-digit number, e.g. "16-5-0012".</summary>
    public static string NumberText(string session, int number) => $"{session}-{number:D4}";

    /// <summary>Every review action other than registration (after <see cref="CheckReview"/> passed).</summary>
    public static ProposalDecision Review(ProposalState state, ProposalCatalog catalog, ReviewProposal command, DateTimeOffset now)
    {
        if (CheckReview(state, catalog, command) is { } rejection)
        {
            return ProposalDecision.Refuse(rejection);
        }

        var network = catalog.Network;
        var proposers = state.Proposers;
        switch (command.Action)
        {
            case ReviewAction.NotRegister:
                var reportId = command.ToReport ? ProposalIds.ReportFor(state.Id) : null;
                return ProposalDecision.Accept(
                    new ProposalNotRegistered(command.Reason!, reportId, command.ToReport ? command.ReportBody ?? state.Body : null, [.. proposers]),
                    ProposalCredits.ToProposers(network, proposers, now, ProposalCounters.NotRegistered));

            case ReviewAction.Merge:
                return ProposalDecision.Accept(
                    new ProposalMerged(command.Into!, [.. proposers]),
                    ProposalCredits.ToProposers(network, proposers, now, ProposalCounters.Merged));

            case ReviewAction.Key:
                return ProposalDecision.Accept(
                    new ProposalMarkedKey(string.IsNullOrWhiteSpace(command.LeadingLeader) ? null : command.LeadingLeader),
                    ProposalCredits.Outcome(network, state, now, ProposalCounters.Key));

            case ReviewAction.Excellent:
                return ProposalDecision.Accept(
                    new ProposalMarkedExcellent(),
                    ProposalCredits.Outcome(network, state, now, ProposalCounters.Excellent));

            case ReviewAction.Close:
                var unrated = proposers.Where(p => state.Ratings.All(r => r.Member != p)).ToList();
                return ProposalDecision.Accept(new ProposalClosed(command.Reason, unrated));

            default:
                throw new InvalidOperationException("Registration is decided with its number: call Register.");
        }
    }

    /// <summary>
    /// Checked on the surviving proposal: null when the proposal <paramref name="mergedId"/> of
    /// <paramref name="committee"/> may merge into it (registered there and not closed).
    /// </summary>
    public static Rejection? CheckMergeTarget(ProposalState target, string mergedId, string committee)
    {
        if (!target.Exists)
        {
            return new Rejection(RejectionKind.Conflict, $"proposal {target.Id} does not exist; a proposal merges into a registered one");
        }

        if (target.Id == mergedId)
        {
            return new Rejection(RejectionKind.Invalid, $"proposal {mergedId} cannot be merged into itself");
        }

        if (target.Committee != committee)
        {
            return new Rejection(RejectionKind.Conflict, $"proposal {target.Id} is before committee {target.Committee}; it can absorb only proposals of the same committee");
        }

        var status = target.Status;
        return ProposalStatus.IsRegisteredOpen(status)
            ? null
            : new Rejection(RejectionKind.Conflict, $"proposal {target.Id} is {status}; a proposal merges only into a registered proposal that is not closed");
    }

    /// <summary>On the surviving proposal: the merged proposal's proposers join, credited for what it has reached.</summary>
    public static ProposalDecision Absorb(ProposalState state, ProposalCatalog catalog, string mergedId, string committee, string lead, IReadOnlyList<string> cosigners, DateTimeOffset now)
    {
        if (state.Absorbed.Any(a => a.ProposalId == mergedId))
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {mergedId} has already been merged into {state.Id}");
        }

        // Closed is fine here: the merger was checked before it was recorded, and must now complete.
        if (!state.Exists || state.Committee != committee || !(state.Registered && !state.Withdrawn && state.MergedInto is null && !state.NotRegistered))
        {
            return ProposalDecision.Refuse(CheckMergeTarget(state, mergedId, committee)
                ?? new Rejection(RejectionKind.Conflict, $"proposal {state.Id} cannot absorb proposal {mergedId}"));
        }

        foreach (var member in cosigners.Prepend(lead))
        {
            if (catalog.Network.Find(member) is not { Kind: Abstractions.Network.UnitKind.Member })
            {
                return ProposalDecision.Refuse(RejectionKind.Invalid, $"'{member}' is not a member of the network");
            }
        }

        return ProposalDecision.Accept(
            new ProposalAbsorbed(mergedId, lead, [.. cosigners]),
            ProposalCredits.ForJoining(catalog.Network, state, cosigners.Prepend(lead), now));
    }
}
