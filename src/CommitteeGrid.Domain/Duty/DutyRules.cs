using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Duty;

/// <summary>
/// Duty records (履职登记). Whoever organised a meeting or activity records it with its attendees, and
/// it counts at once (谁组织谁记录); a member's own report counts once the member's activity group
/// confirms it. Counts go to the year of the date the duty was done.
/// </summary>
public static class DutyRules
{
    public const int MaxTitleLength = 100;
    public const int MaxReasonLength = 500;

    /// <summary>A national plenary has about 2,200 members; one record can list them all.</summary>
    public const int MaxAttendees = 2_500;

    /// <summary>Plenary half-days or sessions one record may stand for.</summary>
    public const int MaxCount = 20;

    /// <summary>How far back a duty may be recorded: the year-end assessment closes the books.</summary>
    public const int MaxAgeDays = 366;

    public static DutyDecision Record(DutyRecordState state, CommitteeNetwork network, RecordDuty command, DateTimeOffset now)
    {
        if (state.Exists)
        {
            return DutyDecision.Refuse(RejectionKind.Conflict, $"duty record {state.Id} has already been recorded");
        }

        if (!Enum.IsDefined(command.Kind))
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, "kind must be plenary, standing, activity, inspection, household, deed or reportBack");
        }

        if (TextRules.Check("title", command.Title, MaxTitleLength) is { } badTitle)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, badTitle);
        }

        var today = CivilTime.DateOf(now);
        if (command.Date > today)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"date {command.Date:yyyy-MM-dd} is in the future");
        }

        if (today.DayNumber - command.Date.DayNumber > MaxAgeDays)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"date {command.Date:yyyy-MM-dd} is more than {MaxAgeDays} days ago");
        }

        if (command.Count is < 1 or > MaxCount)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"count must be 1-{MaxCount}");
        }

        var attendees = command.Attendees ?? [];
        return (command.Organiser, command.Member) switch
        {
            ({ } organiser, null) => Organised(network, command, network.Find(organiser), attendees),
            (null, { } member) => Reported(network, command, network.Find(member), attendees),
            (null, null) => DutyDecision.Refuse(RejectionKind.Invalid, "either organiser (with attendees) or member (the member's own report) is required"),
            _ => DutyDecision.Refuse(RejectionKind.Invalid, "give organiser (with attendees) or member, not both"),
        };
    }

    public static DutyDecision Confirm(DutyRecordState state, CommitteeNetwork network, ConfirmDuty command)
    {
        if (!state.Exists)
        {
            return DutyDecision.Refuse(RejectionKind.NotFound, $"duty record {state.Id} does not exist");
        }

        if (state.Member is null)
        {
            return DutyDecision.Refuse(RejectionKind.Conflict, $"duty record {state.Id} was recorded by its organiser {state.Organiser} and counts already; only members' own reports are confirmed");
        }

        if (network.Find(command.Group) is not { Kind: UnitKind.ActivityGroup })
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"'{command.Group}' is not an activity group of the network");
        }

        if (command.Group != state.Group)
        {
            return DutyDecision.Refuse(RejectionKind.Forbidden, $"duty record {state.Id} is member {state.Member}'s, of group {state.Group}; group {command.Group} cannot confirm it");
        }

        if (state.Status != DutyStatus.Pending)
        {
            return DutyDecision.Refuse(RejectionKind.Conflict, $"duty record {state.Id} has already been {state.Status}");
        }

        if (!command.Confirm)
        {
            return TextRules.Check("reason", command.Reason, MaxReasonLength, multiline: true) is { } noReason
                ? DutyDecision.Refuse(RejectionKind.Invalid, noReason + " (say why the record is rejected)")
                : DutyDecision.Accept(new DutyRejected(command.Group, command.Reason!), []);
        }

        var member = network.Get(state.Member);
        return DutyDecision.Accept(new DutyConfirmed(command.Group), [Credit(member, state.Kind, state.Date, state.Count)]);
    }

    private static DutyDecision Organised(CommitteeNetwork network, RecordDuty command, NetworkUnit? organiser, IReadOnlyList<string> attendees)
    {
        if (organiser is null || organiser.Kind == UnitKind.Member)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"organiser '{command.Organiser}' is not a committee, liaison office or activity group of the network");
        }

        if (command.Kind is DutyKind.Plenary or DutyKind.Standing && !organiser.IsCommittee)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"plenary sessions and standing-committee meetings are organised by a committee, not by '{organiser.Code}'");
        }

        if (attendees.Count == 0 || attendees.Count > MaxAttendees)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"attendees must list 1-{MaxAttendees} members; {attendees.Count} were given");
        }

        if (attendees.Distinct(StringComparer.Ordinal).Count() != attendees.Count)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, "an attendee is listed twice");
        }

        var members = new List<NetworkUnit>(attendees.Count);
        foreach (var code in attendees)
        {
            if (network.Find(code) is not { Kind: UnitKind.Member } member)
            {
                return DutyDecision.Refuse(RejectionKind.Invalid, $"attendee '{code}' is not a member of the network");
            }

            if (member.CommitteeCode != organiser.CommitteeCode)
            {
                return DutyDecision.Refuse(RejectionKind.Invalid, $"attendee {code} is a member of committee {member.CommitteeCode}; organiser {organiser.Code} records only members of committee {organiser.CommitteeCode}");
            }

            members.Add(member);
        }

        return DutyDecision.Accept(
            new DutyRecorded(command.Kind, command.Title, command.Date, command.Count, organiser.Code, [.. attendees]),
            [.. members.Select(m => Credit(m, command.Kind, command.Date, command.Count))]);
    }

    private static DutyDecision Reported(CommitteeNetwork network, RecordDuty command, NetworkUnit? member, IReadOnlyList<string> attendees)
    {
        if (member is not { Kind: UnitKind.Member })
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, $"member '{command.Member}' is not a member of the network");
        }

        if (command.Kind is DutyKind.Plenary or DutyKind.Standing)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, "attendance at plenary sessions and standing-committee meetings is recorded by the committee that organised them, not reported by members");
        }

        if (attendees.Count > 0)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, "attendees are listed by an organiser; a member reports only their own duty");
        }

        if (command.Count != 1)
        {
            return DutyDecision.Refuse(RejectionKind.Invalid, "a member's own report counts once (count 1)");
        }

        var group = member.ParentCode!;
        return DutyDecision.Accept(
            new DutyReported(command.Kind, command.Title, command.Date, 1, member.Code, group),
            [],
            DutyRecordState.BookSubject(group));
    }

    private static TallyDelta Credit(NetworkUnit member, DutyKind kind, DateOnly date, int count) =>
        new(member.Code, member.Path, date.Year, DutyCounters.For(kind), count);
}
