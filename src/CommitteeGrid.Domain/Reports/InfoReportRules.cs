using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Reports;

/// <summary>
/// The information report (社情民意信息) rules: who may submit, what each committee may do at its
/// level, and what each step counts. Counts are credited up the lead author's chain.
/// </summary>
public static class InfoReportRules
{
    public const int MaxTitleLength = 100;

    /// <summary>Many committees limit a report to about 1,500 characters: one issue, briefly.</summary>
    public const int MaxBodyLength = 1500;

    public const int MaxCoAuthors = 20;
    public const int MaxReasonLength = 500;
    public const int MaxLeaderTitleLength = 50;
    public const int MaxNoteLength = 500;

    public static Decision Submit(InfoReportState state, CommitteeNetwork network, SubmitInfoReport command, DateTimeOffset now)
    {
        if (state.Exists)
        {
            return Decision.Refuse(RejectionKind.Conflict, $"report {state.Id} has already been submitted");
        }

        var lead = network.Find(command.Lead);
        if (lead is null || lead.Kind != UnitKind.Member)
        {
            return Decision.Refuse(RejectionKind.Invalid, $"lead author '{command.Lead}' is not a member of the network");
        }

        var coAuthors = command.CoAuthors ?? [];
        if (coAuthors.Count > MaxCoAuthors)
        {
            return Decision.Refuse(RejectionKind.Invalid, $"a report may name at most {MaxCoAuthors} co-authors; {coAuthors.Count} were given");
        }

        foreach (var co in coAuthors)
        {
            if (network.Find(co) is not { Kind: UnitKind.Member })
            {
                return Decision.Refuse(RejectionKind.Invalid, $"co-author '{co}' is not a member of the network");
            }

            if (co == lead.Code)
            {
                return Decision.Refuse(RejectionKind.Invalid, "the lead author cannot also be a co-author");
            }
        }

        if (coAuthors.Distinct(StringComparer.Ordinal).Count() != coAuthors.Count)
        {
            return Decision.Refuse(RejectionKind.Invalid, "a co-author is named twice");
        }

        var problem = TextRules.Check("title", command.Title, MaxTitleLength)
            ?? TextRules.Check("body", command.Body, MaxBodyLength, multiline: true);
        if (problem is not null)
        {
            return Decision.Refuse(RejectionKind.Invalid, problem);
        }

        var committee = network.Get(lead.CommitteeCode);
        var e = new InfoReportSubmitted(lead.Code, [.. coAuthors], command.Title, command.Body, committee.Code, committee.Level);
        return Decision.Accept(e, committee.Code, Credit(lead, now, Counters.ReportSubmitted));
    }

    public static Decision Act(InfoReportState state, CommitteeNetwork network, ActOnInfoReport command, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return Decision.Refuse(RejectionKind.NotFound, $"report {state.Id} does not exist");
        }

        var committee = network.Find(command.Committee);
        if (committee is null || !committee.IsCommittee)
        {
            return Decision.Refuse(RejectionKind.Invalid, $"'{command.Committee}' is not a committee of the network");
        }

        var level = state.LevelAt(committee.Code);
        if (level is null)
        {
            return Decision.Refuse(RejectionKind.Conflict, $"report {state.Id} has not been submitted or forwarded to committee {committee.Code}; it is at {state.Top!.Committee}");
        }

        var lead = network.Get(state.Lead);
        var at = $"report {state.Id} at committee {committee.Code}";
        switch (command.Action)
        {
            case ReportAction.Adopt:
                if (level.Adopted)
                {
                    return Decision.Refuse(RejectionKind.Conflict, $"{at} has already been adopted");
                }

                return Blocked(level, at, allowAfterForward: true)
                    ?? Decision.Accept(new InfoReportAdopted(committee.Code, committee.Level), null, Credit(lead, now, Counters.ReportAdopted(committee.Level)));

            case ReportAction.Forward:
                if (level.Forwarded)
                {
                    return Decision.Refuse(RejectionKind.Conflict, $"{at} has already been forwarded");
                }

                if (Blocked(level, at, allowAfterForward: false) is { } blocked)
                {
                    return blocked;
                }

                var parent = network.ParentCommittee(committee);
                if (parent is null)
                {
                    return Decision.Refuse(RejectionKind.Conflict, $"committee {committee.Code} is the highest in the network; there is nowhere to forward to");
                }

                if (command.ForwardTo is not null && command.ForwardTo != parent.Code)
                {
                    return Decision.Refuse(RejectionKind.Conflict, $"a report is forwarded one level at a time: committee {committee.Code} can forward only to {parent.Code}, not to '{command.ForwardTo}'");
                }

                return Decision.Accept(
                    new InfoReportForwarded(committee.Code, committee.Level, parent.Code, parent.Level),
                    parent.Code,
                    Credit(lead, now, Counters.ReportForwarded(parent.Level)));

            case ReportAction.Decline:
                if (TextRules.Check("reason", command.Reason, MaxReasonLength, required: false, multiline: true) is { } badReason)
                {
                    return Decision.Refuse(RejectionKind.Invalid, badReason);
                }

                if (level.Adopted)
                {
                    return Decision.Refuse(RejectionKind.Conflict, $"{at} has been adopted and can no longer be declined");
                }

                return Blocked(level, at, allowAfterForward: false)
                    ?? Decision.Accept(new InfoReportDeclined(committee.Code, committee.Level, command.Reason), null, Credit(lead, now, Counters.ReportDeclined(committee.Level)));

            case ReportAction.Return:
                if (TextRules.Check("reason", command.Reason, MaxReasonLength, multiline: true) is { } noReason)
                {
                    return Decision.Refuse(RejectionKind.Invalid, noReason + " (say what the author should revise)");
                }

                if (level.Adopted)
                {
                    return Decision.Refuse(RejectionKind.Conflict, $"{at} has been adopted and can no longer be returned");
                }

                return Blocked(level, at, allowAfterForward: false)
                    ?? Decision.Accept(new InfoReportReturned(committee.Code, committee.Level, command.Reason!), null, Credit(lead, now, Counters.ReportReturned(committee.Level)));

            case ReportAction.Endorse:
                var problem = TextRules.Check("leaderTitle", command.LeaderTitle, MaxLeaderTitleLength)
                    ?? TextRules.Check("note", command.Note, MaxNoteLength, required: false, multiline: true);
                if (problem is not null)
                {
                    return Decision.Refuse(RejectionKind.Invalid, problem);
                }

                if (command.Date is not { } date)
                {
                    return Decision.Refuse(RejectionKind.Invalid, "date of the endorsement is required (yyyy-MM-dd)");
                }

                if (date > CivilTime.DateOf(now))
                {
                    return Decision.Refuse(RejectionKind.Invalid, $"endorsement date {date:yyyy-MM-dd} is in the future");
                }

                if (date < CivilTime.DateOf(level.ReceivedAt))
                {
                    return Decision.Refuse(RejectionKind.Invalid, $"endorsement date {date:yyyy-MM-dd} is before the report reached committee {committee.Code} ({CivilTime.DateOf(level.ReceivedAt):yyyy-MM-dd})");
                }

                if (level.Endorsements.Any(e => e.LeaderTitle == command.LeaderTitle && e.Date == date))
                {
                    return Decision.Refuse(RejectionKind.Conflict, $"{at}: the endorsement of {command.LeaderTitle} on {date:yyyy-MM-dd} is already recorded");
                }

                // Counted once per report and level (篇次), however many leaders endorse it there.
                var deltas = level.Endorsements.Count == 0 ? new[] { Credit(lead, now, Counters.ReportEndorsed(committee.Level)) } : [];
                return Decision.Accept(new InfoReportEndorsed(committee.Code, committee.Level, command.LeaderTitle!, date, command.Note), null, deltas);

            default:
                return Decision.Refuse(RejectionKind.Invalid, $"unknown action '{command.Action}'; expected adopt, forward, decline, return or endorse");
        }
    }

    public static Decision Revise(InfoReportState state, ReviseInfoReport command)
    {
        if (!state.Exists)
        {
            return Decision.Refuse(RejectionKind.NotFound, $"report {state.Id} does not exist");
        }

        if (command.Lead != state.Lead)
        {
            return Decision.Refuse(RejectionKind.Forbidden, $"only the lead author ({state.Lead}) can revise report {state.Id}");
        }

        var returned = state.Levels.Find(l => l.AwaitingRevision);
        if (returned is null)
        {
            return Decision.Refuse(RejectionKind.Conflict, $"report {state.Id} has not been returned for revision");
        }

        var problem = TextRules.Check("title", command.Title, MaxTitleLength)
            ?? TextRules.Check("body", command.Body, MaxBodyLength, multiline: true);
        return problem is not null
            ? Decision.Refuse(RejectionKind.Invalid, problem)
            : Decision.Accept(new InfoReportRevised(command.Title, command.Body, returned.Committee, returned.Level), null);
    }

    private static Decision? Blocked(ReportLevel level, string at, bool allowAfterForward)
    {
        if (level.Declined)
        {
            return Decision.Refuse(RejectionKind.Conflict, $"{at} has been declined");
        }

        if (level.AwaitingRevision)
        {
            return Decision.Refuse(RejectionKind.Conflict, $"{at} has been returned for revision and waits for the author");
        }

        if (!allowAfterForward && level.Forwarded)
        {
            return Decision.Refuse(RejectionKind.Conflict, $"{at} has already been forwarded");
        }

        return null;
    }

    private static TallyDelta Credit(NetworkUnit member, DateTimeOffset now, string counter) =>
        new(member.Code, member.Path, CivilTime.YearOf(now), counter, 1);
}
