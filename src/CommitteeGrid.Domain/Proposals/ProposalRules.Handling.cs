using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>Part three: assignment (交办), the handling units' answers and hand-backs, the proposers' ratings.</summary>
public static partial class ProposalRules
{
    /// <summary>A due time set by the office is at most this far ahead.</summary>
    public static readonly TimeSpan MaxDueWindow = TimeSpan.FromDays(HandlingUnitDirectory.MaxAnswerDays);

    public static ProposalDecision Assign(ProposalState state, ProposalCatalog catalog, AssignProposal command, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return NotFound(state);
        }

        if (catalog.Network.Find(command.Committee) is not { IsCommittee: true })
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"'{command.Committee}' is not a committee of the network");
        }

        if (command.Committee != state.Committee)
        {
            return ProposalDecision.Refuse(RejectionKind.Forbidden, $"proposal {state.Id} is before committee {state.Committee}; the office of committee {command.Committee} cannot assign it");
        }

        var status = state.Status;
        if (status == ProposalStatus.Assigned)
        {
            var lead = state.ActiveUnits.First(u => u.IsLead);
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {state.Id} is already assigned to {lead.Unit}; it is reassigned only after the lead unit hands it back");
        }

        if (status is not (ProposalStatus.Registered or ProposalStatus.HandedBack))
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {state.Id} is {status}; only a registered proposal can be assigned");
        }

        var coUnits = command.CoUnits ?? [];
        if (coUnits.Count > MaxCoUnits)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"at most {MaxCoUnits} co-handling units; {coUnits.Count} were given");
        }

        if (coUnits.Distinct(StringComparer.Ordinal).Count() != coUnits.Count)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, "a co-handling unit is named twice");
        }

        if (coUnits.Contains(command.LeadUnit))
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"{command.LeadUnit} cannot be both the lead unit and a co-handling unit");
        }

        foreach (var code in coUnits.Prepend(command.LeadUnit))
        {
            var unit = catalog.HandlingUnits.Find(code);
            if (unit is null)
            {
                return ProposalDecision.Refuse(RejectionKind.Invalid, $"'{code}' is not a handling unit");
            }

            if (unit.Committee != state.Committee)
            {
                return ProposalDecision.Refuse(RejectionKind.Invalid, $"handling unit {code} answers committee {unit.Committee}'s proposals, not committee {state.Committee}'s");
            }
        }

        var dueAt = command.DueAt ?? now.AddDays(catalog.HandlingUnits.AnswerDays);
        if (dueAt <= now)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"the due time {Show(dueAt)} is not in the future");
        }

        if (dueAt > now + MaxDueWindow)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"the due time {Show(dueAt)} is more than {MaxDueWindow.TotalDays:0} days away");
        }

        return ProposalDecision.Accept(new ProposalAssigned(command.LeadUnit, [.. coUnits], dueAt, state.Round + 1));
    }

    public static ProposalDecision Answer(ProposalState state, ProposalCatalog catalog, AnswerProposal command, DateTimeOffset now)
    {
        if (UnitOnly(state, catalog, command.Unit, "answer") is { } refused)
        {
            return refused;
        }

        var assignment = state.ActiveAssignmentOf(command.Unit)!;
        if (TextRules.Check("text", command.Text, MaxAnswerLength, multiline: true) is { } problem)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, problem + " (the answer to the proposers)");
        }

        if (!assignment.IsLead)
        {
            return command.Class is null
                ? ProposalDecision.Accept(new ProposalCoAnswered(command.Unit, command.Text))
                : ProposalDecision.Refuse(RejectionKind.Invalid, $"{command.Unit} is a co-handling unit of proposal {state.Id}; only the lead unit classes the answer (leave class out)");
        }

        if (command.Class is not { } answerClass || !Enum.IsDefined(answerClass))
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, "class is required from the lead unit: A (adopted or solved), B (being solved) or C (kept for reference)");
        }

        var proposers = state.Proposers;
        return ProposalDecision.Accept(
            new ProposalAnswered(command.Unit, answerClass, command.Text, [.. proposers]),
            ProposalCredits.ToProposers(catalog.Network, proposers, now, ProposalCounters.Answered(answerClass.Letter())));
    }

    public static ProposalDecision HandBack(ProposalState state, ProposalCatalog catalog, HandBackProposal command)
    {
        if (UnitOnly(state, catalog, command.Unit, "hand back") is { } refused)
        {
            return refused;
        }

        if (TextRules.Check("reason", command.Reason, MaxReasonLength, multiline: true) is { } problem)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, problem + " (say why the unit hands it back)");
        }

        var assignment = state.ActiveAssignmentOf(command.Unit)!;
        return ProposalDecision.Accept(new ProposalHandedBack(command.Unit, command.Reason, Whole: assignment.IsLead));
    }

    public static ProposalDecision Rate(ProposalState state, ProposalCatalog catalog, RateProposal command, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return NotFound(state);
        }

        if (!state.Proposers.Contains(command.Member))
        {
            return ProposalDecision.Refuse(RejectionKind.Forbidden, $"member '{command.Member}' is not a proposer of proposal {state.Id}; only its proposers rate the answer");
        }

        var status = state.Status;
        if (status != ProposalStatus.Answered)
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, status == ProposalStatus.Closed
                ? $"proposal {state.Id} is closed"
                : $"proposal {state.Id} is {status}; it can be rated once a handling unit has answered it");
        }

        if (state.Ratings.Any(r => r.Member == command.Member))
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"member {command.Member} has already rated proposal {state.Id}");
        }

        if (!Enum.IsDefined(command.Rating))
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, "rating must be satisfied, basically or dissatisfied");
        }

        return ProposalDecision.Accept(
            new ProposalRated(command.Member, command.Rating),
            [ProposalCredits.Credit(catalog.Network, command.Member, now, ProposalCounters.Rated(command.Rating.Key()))]);
    }

    /// <summary>The checks an answer or hand-back makes: the unit exists and is handling the proposal now.</summary>
    private static ProposalDecision? UnitOnly(ProposalState state, ProposalCatalog catalog, string? unit, string what)
    {
        if (!state.Exists)
        {
            return NotFound(state);
        }

        if (catalog.HandlingUnits.Find(unit) is null)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"'{unit}' is not a handling unit");
        }

        var status = state.Status;
        if (status != ProposalStatus.Assigned)
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, status is ProposalStatus.Answered or ProposalStatus.Closed
                ? $"proposal {state.Id} has already been answered"
                : $"proposal {state.Id} is {status}; it is not assigned to any handling unit");
        }

        if (state.ActiveAssignmentOf(unit!) is null)
        {
            var past = state.Units.FindLast(u => u.Unit == unit);
            return ProposalDecision.Refuse(
                past is null ? RejectionKind.Forbidden : RejectionKind.Conflict,
                past is null
                    ? $"handling unit {unit} has not been assigned proposal {state.Id}; it cannot {what} it"
                    : past.HandedBackAt is not null
                        ? $"handling unit {unit} has handed proposal {state.Id} back"
                        : $"handling unit {unit} has already given its opinion on proposal {state.Id}");
        }

        return null;
    }
}
