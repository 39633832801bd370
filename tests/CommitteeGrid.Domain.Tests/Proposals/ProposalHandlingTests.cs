using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Proposals;
using static CommitteeGrid.Domain.Tests.Proposals.ProposalWorld;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Proposals;

/// <summary>Assignment (交办), answers, hand-backs, ratings and the answer deadlines.</summary>
public sealed class ProposalHandlingTests
{
    private static ProposalDriver New() => new(ProposalWorld.Build(extraMembers: 2));

    // ---- assign

    [Fact]
    public void The_office_assigns_a_lead_unit_and_co_units_due_after_the_answer_period()
    {
        var driver = New().Registered();

        var decision = driver.Must(driver.Assign(Unit1, [Unit2, Unit3]));

        Assert.Empty(decision.Deltas);
        var e = Assert.IsType<ProposalAssigned>(decision.Event);
        Assert.Equal((Unit1, 1, driver.Now.AddDays(90)), (e.LeadUnit, e.Round, e.DueAt));
        Assert.Equal(ProposalStatus.Assigned, driver.State.Status);
        Assert.Equal([(Unit1, "lead"), (Unit2, "co"), (Unit3, "co")], driver.State.Units.Select(u => (u.Unit, u.ToView().Role)));
        Assert.All(driver.State.Units, u => Assert.True(u.Active));
    }

    [Fact]
    public void Assignment_needs_a_registered_proposal_not_already_assigned()
    {
        var submitted = New().Submitted();
        Refused.Unchanged(submitted, () => submitted.Assign(), RejectionKind.Conflict, "is submitted", "only a registered proposal can be assigned");

        var assigned = New().Assigned();
        Refused.Unchanged(assigned, () => assigned.Assign(Unit2), RejectionKind.Conflict, $"already assigned to {Unit1}", "hands it back");

        var answered = New().Answered();
        Refused.Unchanged(answered, () => answered.Assign(Unit2), RejectionKind.Conflict, "is answered");

        Refused.Is(New().Assign(), RejectionKind.NotFound, "does not exist");
    }

    [Fact]
    public void Units_committee_and_due_time_are_checked()
    {
        var driver = New().Registered();
        Refused.Unchanged(driver, () => driver.Assign(committee: City), RejectionKind.Forbidden, "cannot assign it");
        Refused.Unchanged(driver, () => driver.Assign(committee: Office), RejectionKind.Invalid, "is not a committee");
        Refused.Unchanged(driver, () => driver.Assign("420607-H99"), RejectionKind.Invalid, "'420607-H99' is not a handling unit");
        Refused.Unchanged(driver, () => driver.Assign(CityUnit), RejectionKind.Invalid, $"answers committee {City}'s proposals");
        Refused.Unchanged(driver, () => driver.Assign(Unit1, [Unit2, Unit2]), RejectionKind.Invalid, "named twice");
        Refused.Unchanged(driver, () => driver.Assign(Unit1, [Unit1]), RejectionKind.Invalid, "both the lead unit and a co-handling unit");
        Refused.Unchanged(driver, () => driver.Assign(Unit1, [.. Enumerable.Range(1, 11).Select(i => $"420607-H{i + 10}")]), RejectionKind.Invalid, "at most 10");
        Refused.Unchanged(driver, () => driver.Assign(dueAt: driver.Now), RejectionKind.Invalid, "not in the future");
        Refused.Unchanged(driver, () => driver.Assign(dueAt: driver.Now.AddDays(367)), RejectionKind.Invalid, "more than 366 days");
        driver.Must(driver.Assign(dueAt: driver.Now.AddDays(30)));
        Assert.Equal(driver.Now.AddDays(30), driver.State.Units.Single().DueAt);
    }

    // ---- answer

    [Theory]
    [InlineData(AnswerClass.A, "proposal.answered.a")]
    [InlineData(AnswerClass.B, "proposal.answered.b")]
    [InlineData(AnswerClass.C, "proposal.answered.c")]
    public void The_lead_units_classed_answer_settles_it_and_credits_the_proposers(AnswerClass answerClass, string counter)
    {
        var driver = New().Assigned(CoAuthor);

        var decision = driver.Must(driver.Answer(answerClass: answerClass));

        Assert.Equal([(Lead, counter, 1L), (CoAuthor, counter + ".cosigner", 1L)], Credits.Of(decision));
        Assert.Equal(ProposalStatus.Answered, driver.State.Status);
        Assert.Equal(answerClass, driver.State.Answer!.Class);
        Assert.Equal(answerClass, driver.State.ToSummary()!.AnswerClass);
        Assert.All(driver.State.Units, u => Assert.False(u.Active));
    }

    [Fact]
    public void Co_handling_units_give_opinions_without_a_class_before_the_lead_answers()
    {
        var driver = New().Registered();
        driver.Must(driver.Assign(Unit1, [Unit2, Unit3]));

        Refused.Unchanged(driver, () => driver.Answer(Unit2, AnswerClass.A), RejectionKind.Invalid, "only the lead unit classes the answer");
        var opinion = driver.Must(driver.Answer(Unit2, answerClass: null, text: "同意主办单位意见"));
        Assert.Empty(opinion.Deltas);
        Assert.Equal("proposal.co_answered", opinion.Event!.Kind);
        Refused.Unchanged(driver, () => driver.Answer(Unit2, answerClass: null), RejectionKind.Conflict, "already given its opinion");
        Refused.Unchanged(driver, () => driver.Answer(Unit1, answerClass: null), RejectionKind.Invalid, "class is required from the lead unit");
        Refused.Unchanged(driver, () => driver.Answer(Unit1, text: " "), RejectionKind.Invalid, "text is required");

        driver.Must(driver.Answer(Unit1));

        Refused.Unchanged(driver, () => driver.Answer(Unit3, answerClass: null), RejectionKind.Conflict, "already been answered");
        var units = driver.State.Units.ToDictionary(u => u.Unit);
        Assert.NotNull(units[Unit2].AnsweredAt);
        Assert.Null(units[Unit3].AnsweredAt);
        Assert.False(units[Unit3].Active);
    }

    [Fact]
    public void Only_an_assigned_unit_answers_an_assigned_proposal()
    {
        var driver = New().Assigned();
        Refused.Unchanged(driver, () => driver.Answer(Unit2), RejectionKind.Forbidden, $"{Unit2} has not been assigned");
        Refused.Unchanged(driver, () => driver.Answer("XX-H01"), RejectionKind.Invalid, "not a handling unit");

        var registered = New().Registered();
        Refused.Unchanged(registered, () => registered.Answer(), RejectionKind.Conflict, "is registered", "not assigned");
    }

    // ---- hand back

    [Fact]
    public void The_lead_unit_hands_the_whole_proposal_back_and_the_office_reassigns_it_in_a_new_round()
    {
        var driver = New().Registered();
        driver.Must(driver.Assign(Unit1, [Unit2]));
        Refused.Unchanged(driver, () => driver.HandBack(reason: ""), RejectionKind.Invalid, "reason is required");

        var e = Assert.IsType<ProposalHandedBack>(driver.Must(driver.HandBack()).Event);

        Assert.True(e.Whole);
        Assert.Equal(ProposalStatus.HandedBack, driver.State.Status);
        Assert.All(driver.State.Units, u => Assert.False(u.Active));
        Assert.NotNull(driver.State.Units.Single(u => u.Unit == Unit1).HandedBackAt);
        Assert.Null(driver.State.Units.Single(u => u.Unit == Unit2).HandedBackAt);
        Refused.Unchanged(driver, () => driver.Answer(), RejectionKind.Conflict, "is handed_back");

        driver.Must(driver.Assign(Unit3));

        Assert.Equal(ProposalStatus.Assigned, driver.State.Status);
        Assert.Equal(2, driver.State.Round);
        Assert.Equal(Unit3, driver.State.ActiveUnits.Single().Unit);
        Refused.Unchanged(driver, () => driver.Answer(Unit1), RejectionKind.Conflict, "has handed proposal P1 back");
        driver.Must(driver.Answer(Unit3));
    }

    [Fact]
    public void A_co_handling_unit_hands_back_only_its_own_part()
    {
        var driver = New().Registered();
        driver.Must(driver.Assign(Unit1, [Unit2]));

        Assert.False(Assert.IsType<ProposalHandedBack>(driver.Must(driver.HandBack(Unit2)).Event).Whole);

        Assert.Equal(ProposalStatus.Assigned, driver.State.Status);
        Assert.Equal([Unit1], driver.State.ActiveUnits.Select(u => u.Unit));
        Refused.Unchanged(driver, () => driver.HandBack(Unit2), RejectionKind.Conflict, "has handed proposal P1 back");
    }

    // ---- rate

    [Fact]
    public void Every_proposer_rates_once_and_the_last_rating_closes_it()
    {
        var driver = New().Answered(CoAuthor);

        var first = driver.Must(driver.Rate(CoAuthor, Satisfaction.Basically));
        Assert.Equal([(CoAuthor, ProposalCounters.Rated("basically"), 1L)], Credits.Of(first));
        Assert.Equal(ProposalStatus.Answered, driver.State.Status);
        Refused.Unchanged(driver, () => driver.Rate(CoAuthor), RejectionKind.Conflict, "already rated");

        var last = driver.Must(driver.Rate(Lead, Satisfaction.Dissatisfied));
        Assert.Equal([(Lead, ProposalCounters.Rated("dissatisfied"), 1L)], Credits.Of(last));
        Assert.Equal(ProposalStatus.Closed, driver.State.Status);
        Refused.Unchanged(driver, () => driver.Rate(Third), RejectionKind.Forbidden, "not a proposer");
    }

    [Fact]
    public void Rating_waits_for_the_answer_and_is_only_for_proposers()
    {
        var driver = New().Assigned(CoAuthor);
        Refused.Unchanged(driver, () => driver.Rate(Lead), RejectionKind.Conflict, "is assigned", "once a handling unit has answered");
        Refused.Unchanged(driver, () => driver.Rate(Third), RejectionKind.Forbidden, $"'{Third}' is not a proposer");
        driver.Must(driver.Answer());
        Refused.Unchanged(driver, () => driver.Rate(Lead, (Satisfaction)9), RejectionKind.Invalid, "rating must be");
    }

    [Fact]
    public void Proposers_who_joined_by_merger_rate_too()
    {
        var driver = New().Answered();
        driver.Must(driver.Absorb("P00000000000000000009", Third, []));

        driver.Must(driver.Rate(Lead));
        Assert.Equal(ProposalStatus.Answered, driver.State.Status);
        driver.Must(driver.Rate(Third));
        Assert.Equal(ProposalStatus.Closed, driver.State.Status);
    }

    // ---- deadlines

    [Fact]
    public void A_unit_is_warned_once_when_the_answer_falls_due_soon_and_once_when_it_is_overdue()
    {
        var driver = New().Registered();
        driver.Must(driver.Assign(Unit1, [Unit2]));
        var due = driver.State.Units[0].DueAt;
        var warn = due.AddDays(-15);

        Assert.Equal(warn, ProposalRules.NextDeadline(driver.State, 15));
        driver.Now = warn.AddTicks(-1);
        Assert.Empty(driver.Tick());
        driver.Now = warn;
        Assert.Equal(["proposal.due_soon", "proposal.due_soon"], driver.Tick());
        Assert.Empty(driver.Tick());

        // The co-unit gives its opinion; only the lead unit is then owed, and overdue strictly after the due time.
        driver.Must(driver.Answer(Unit2, answerClass: null));
        Assert.Equal(due.AddTicks(1), ProposalRules.NextDeadline(driver.State, 15));
        driver.Now = due;
        Assert.Empty(driver.Tick());
        driver.Now = due.AddSeconds(1);
        Assert.Equal(["proposal.overdue"], driver.Tick());
        var overdue = Assert.IsType<ProposalOverdue>(ProposalJson.Deserialize(driver.Entries[^1].Payload));
        Assert.Equal((Unit1, 1, due), (overdue.Unit, overdue.Round, overdue.DueAt));
        Assert.Null(ProposalRules.NextDeadline(driver.State, 15));
        Assert.True(driver.State.ToSummary()!.IsOverdue(driver.Now));

        driver.Must(driver.Answer());
        Assert.False(driver.State.ToSummary()!.IsOverdue(driver.Now));
    }

    [Fact]
    public void A_short_due_time_skips_the_early_warning_and_a_long_outage_records_only_overdue()
    {
        var shortDue = New().Registered();
        shortDue.Must(shortDue.Assign(dueAt: shortDue.Now.AddDays(10)));
        Assert.Null(shortDue.State.Units[0].WarnAt(15));
        Assert.Equal(shortDue.Now.AddDays(10).AddTicks(1), ProposalRules.NextDeadline(shortDue.State, 15));

        var outage = New().Registered();
        outage.Must(outage.Assign());
        outage.Now = outage.Now.AddDays(200);
        Assert.Equal(["proposal.overdue"], outage.Tick());
        Assert.Null(ProposalRules.NextDeadline(outage.State, 15));
    }

    [Fact]
    public void Nothing_is_due_once_the_proposal_is_answered_or_handed_back()
    {
        var answered = New().Answered();
        Assert.Null(ProposalRules.NextDeadline(answered.State, 15));
        answered.Now = answered.Now.AddDays(200);
        Assert.Empty(answered.Tick());

        var handedBack = New().Assigned();
        handedBack.Must(handedBack.HandBack());
        Assert.Null(ProposalRules.NextDeadline(handedBack.State, 15));
    }
}
