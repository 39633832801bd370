using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Duty;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Duty;

/// <summary>Duty records: organisers record attendance for everyone at once; members report and their group confirms.</summary>
public sealed class DutyRulesTests
{
    /// <summary>2026-03-02 10:00 China time.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Yesterday = new(2026, 3, 1);

    private readonly CommitteeNetwork _network = Build(extraMembers: 2);

    private readonly DutyRecordState _state = new("D1");

    private DutyDecision Record(DutyKind kind, string? organiser = null, IReadOnlyList<string>? attendees = null, string? member = null, int count = 1, DateOnly? date = null, string title = "区政协十届五次会议") =>
        Apply(DutyRules.Record(_state, _network, new RecordDuty(kind, title, date ?? Yesterday, organiser, attendees ?? [], member, count), Now));

    private DutyDecision Confirm(string group, bool confirm = true, string? reason = null) =>
        Apply(DutyRules.Confirm(_state, _network, new ConfirmDuty(group, confirm, reason)));

    [Fact]
    public void The_organiser_records_plenary_attendance_for_every_attendee_counted_per_half_day()
    {
        var decision = Record(DutyKind.Plenary, organiser: County, attendees: [Lead, CoAuthor], count: 3);

        Assert.Null(decision.Rejection);
        Assert.Null(decision.Subject);
        Assert.Equal(
            [(Lead, DutyCounters.PlenaryAttended, 3L, 2026), (CoAuthor, DutyCounters.PlenaryAttended, 3L, 2026)],
            decision.Deltas.Select(d => (d.Member, d.Counter, d.Delta, d.Year)));
        Assert.Equal(DutyStatus.Recorded, _state.Status);
        Assert.Null(_state.ToBookItem());
    }

    [Fact]
    public void The_year_is_the_year_the_duty_was_done()
    {
        var decision = Record(DutyKind.Activity, organiser: Group, attendees: [Lead], date: new DateOnly(2025, 12, 31));

        Assert.Equal(2025, Assert.Single(decision.Deltas).Year);
    }

    [Theory]
    [InlineData(DutyKind.Standing, DutyCounters.StandingMeetingAttended)]
    [InlineData(DutyKind.Activity, DutyCounters.ActivityAttended)]
    [InlineData(DutyKind.Inspection, DutyCounters.Inspection)]
    [InlineData(DutyKind.Household, DutyCounters.HouseholdContact)]
    [InlineData(DutyKind.Deed, DutyCounters.PracticalDeed)]
    [InlineData(DutyKind.ReportBack, DutyCounters.ReportBack)]
    public void Each_kind_credits_its_own_counter(DutyKind kind, string counter) =>
        Assert.Equal(counter, Assert.Single(Record(kind, organiser: County, attendees: [Third]).Deltas).Counter);

    [Fact]
    public void Organised_records_are_checked()
    {
        Refuse(Record(DutyKind.Plenary, organiser: Group, attendees: [Lead]), RejectionKind.Invalid, "organised by a committee");
        Refuse(Record(DutyKind.Activity, organiser: Lead, attendees: [Lead]), RejectionKind.Invalid, "is not a committee, liaison office or activity group");
        Refuse(Record(DutyKind.Activity, organiser: "XX", attendees: [Lead]), RejectionKind.Invalid, "'XX' is not");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: []), RejectionKind.Invalid, "attendees must list 1-2500");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Lead, Lead]), RejectionKind.Invalid, "listed twice");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Group]), RejectionKind.Invalid, $"attendee '{Group}' is not a member");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [CityMember]), RejectionKind.Invalid, $"member of committee {City}");
        Refuse(Record(DutyKind.Plenary, organiser: City, attendees: [Lead]), RejectionKind.Invalid, $"only members of committee {City}");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Lead], member: Lead), RejectionKind.Invalid, "not both");
        Refuse(Record(DutyKind.Activity), RejectionKind.Invalid, "either organiser");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Lead], title: ""), RejectionKind.Invalid, "title is required");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Lead], date: new DateOnly(2026, 3, 3)), RejectionKind.Invalid, "in the future");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Lead], date: new DateOnly(2025, 2, 28)), RejectionKind.Invalid, "more than 366 days ago");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Lead], count: 0), RejectionKind.Invalid, "count must be 1-20");
        Refuse(Record(DutyKind.Activity, organiser: County, attendees: [Lead], count: 21), RejectionKind.Invalid, "count must be 1-20");
        Refuse(Record((DutyKind)42, organiser: County, attendees: [Lead]), RejectionKind.Invalid, "kind must be");
        Assert.False(_state.Exists);
    }

    [Fact]
    public void A_members_own_report_waits_in_the_groups_book_and_counts_once_confirmed()
    {
        var reported = Record(DutyKind.Household, member: Lead, title: "走访困难群众");
        Assert.Empty(reported.Deltas);
        Assert.Equal(DutyRecordState.BookSubject(Group), reported.Subject);
        Assert.Equal((DutyStatus.Pending, Group, Lead), (_state.Status, _state.ToBookItem()!.Group, _state.ToBookItem()!.Member));

        Refuse(Confirm(Office), RejectionKind.Invalid, "not an activity group");
        Refuse(Confirm(CityGroup), RejectionKind.Forbidden, $"group {CityGroup} cannot confirm it");

        var confirmed = Confirm(Group);

        Assert.Equal([(Lead, DutyCounters.HouseholdContact, 1L, 2026)], confirmed.Deltas.Select(d => (d.Member, d.Counter, d.Delta, d.Year)));
        Assert.Equal(DutyStatus.Confirmed, _state.Status);
        Refuse(Confirm(Group), RejectionKind.Conflict, "already been confirmed");
        Refuse(Confirm(Group, confirm: false, reason: "重复"), RejectionKind.Conflict, "already been confirmed");
    }

    [Fact]
    public void A_rejected_report_needs_a_reason_and_counts_nothing()
    {
        Record(DutyKind.Deed, member: CoAuthor, title: "修缮村道");

        Refuse(Confirm(Group, confirm: false), RejectionKind.Invalid, "reason is required");
        var rejected = Confirm(Group, confirm: false, reason: "无佐证材料");

        Assert.Empty(rejected.Deltas);
        Assert.Equal((DutyStatus.Rejected, "无佐证材料"), (_state.Status, _state.Reason));
    }

    [Fact]
    public void Members_do_not_report_meeting_attendance_or_others_and_count_once()
    {
        Refuse(Record(DutyKind.Plenary, member: Lead), RejectionKind.Invalid, "recorded by the committee that organised them");
        Refuse(Record(DutyKind.Standing, member: Lead), RejectionKind.Invalid, "recorded by the committee");
        Refuse(Record(DutyKind.Inspection, member: Lead, attendees: [CoAuthor]), RejectionKind.Invalid, "a member reports only their own duty");
        Refuse(Record(DutyKind.Inspection, member: Lead, count: 2), RejectionKind.Invalid, "counts once");
        Refuse(Record(DutyKind.Inspection, member: Group), RejectionKind.Invalid, $"member '{Group}' is not a member");
    }

    [Fact]
    public void Confirming_what_needs_no_confirmation_or_does_not_exist_is_refused()
    {
        Refuse(Confirm(Group), RejectionKind.NotFound, "duty record D1 does not exist");
        Record(DutyKind.Activity, organiser: Group, attendees: [Lead]);
        Refuse(Confirm(Group), RejectionKind.Conflict, "counts already");
        Refuse(Record(DutyKind.Activity, organiser: Group, attendees: [Lead]), RejectionKind.Conflict, "already been recorded");
    }

    [Fact]
    public void Six_ones_are_read_from_the_members_counters()
    {
        var counters = new Dictionary<string, long>
        {
            [DutyCounters.Inspection] = 2,
            [ProposalCounters.Cosigned] = 1,
            [Counters.ReportSubmitted] = 3,
            [DutyCounters.HouseholdContact] = 1,
            [DutyCounters.PlenaryAttended] = 6,
        };

        var progress = SixOnes.Of(Lead, 2026, counters);

        Assert.Equal(["deed", "reportback"], progress.Missing);
        Assert.False(progress.Complete);
        Assert.Equal(1, progress.Items["proposal"]);
        counters[DutyCounters.PracticalDeed] = 1;
        counters[DutyCounters.ReportBack] = 1;
        counters[ProposalCounters.Submitted] = 2;
        var complete = SixOnes.Of(Lead, 2026, counters);
        Assert.True(complete.Complete);
        Assert.Equal(3, complete.Items["proposal"]);
    }

    private DutyDecision Apply(DutyDecision decision)
    {
        if (decision.Event is { } e)
        {
            var version = _state.Version + 1;
            _state.Apply(new LedgerEntry(_state.Stream, version, e.Kind, DutyJson.Serialize(e), $"u:k{version}", "h", "u", "staff", null, null, Now, decision.Subject, decision.Deltas), e);
        }

        return decision;
    }

    private void Refuse(DutyDecision decision, RejectionKind kind, string words)
    {
        Assert.NotNull(decision.Rejection);
        Assert.Equal(kind, decision.Rejection!.Kind);
        Assert.Contains(words, decision.Rejection.Message, StringComparison.Ordinal);
        Assert.Null(decision.Event);
        Assert.Empty(decision.Deltas);
    }
}
