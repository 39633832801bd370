using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Proposals;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Proposals;

/// <summary>The proposal office's decisions: register, not register, merge, key, excellent, close.</summary>
public sealed class ProposalReviewTests
{
    private static ProposalDriver New(string id = "P1") => new(ProposalWorld.Build(extraMembers: 3), id);

    private static string Cosigner(string counter) => ProposalCounters.ForCosigner(counter);

    // ---- register

    [Fact]
    public void Registration_numbers_the_proposal_in_its_session_and_credits_every_proposer()
    {
        var driver = New().Submitted(CoAuthor, Third);

        var decision = driver.Must(driver.Review(ReviewAction.Register));

        var e = Assert.IsType<ProposalRegistered>(decision.Event);
        Assert.Equal("10-5", e.Session);
        Assert.Equal($"10-5-{e.Number:D4}", e.NumberText);
        Assert.Equal([Lead, CoAuthor, Third], e.Proposers);
        Assert.Equal(
            [(Lead, ProposalCounters.Registered, 1L), (CoAuthor, Cosigner(ProposalCounters.Registered), 1L), (Third, Cosigner(ProposalCounters.Registered), 1L)],
            Credits.Of(decision));
        Assert.Equal(ProposalStatus.Registered, driver.State.Status);
        Assert.Equal(e.Number, driver.State.Number);
        Assert.Equal(e.Number, driver.State.ToSummary()!.Number);
    }

    [Theory]
    [InlineData(ReviewAction.Register)]
    [InlineData(ReviewAction.NotRegister)]
    [InlineData(ReviewAction.Merge)]
    public void Register_not_register_and_merge_need_a_submitted_proposal_not_yet_decided(ReviewAction action)
    {
        var draft = New();
        draft.Must(draft.Draft());
        Refused.Unchanged(draft, () => draft.Review(action, reason: "原因", into: "P00000000000000000002"), RejectionKind.Conflict, "is draft", "has not been submitted");

        var registered = New().Registered();
        Refused.Unchanged(registered, () => registered.Review(action, reason: "原因", into: "P00000000000000000002"), RejectionKind.Conflict, "is registered", "already decided");

        var withdrawn = New().Submitted();
        withdrawn.Must(withdrawn.Withdraw());
        Refused.Unchanged(withdrawn, () => withdrawn.Review(action, reason: "原因", into: "P00000000000000000002"), RejectionKind.Conflict, "is withdrawn");
    }

    [Fact]
    public void Only_the_office_of_the_proposals_committee_decides()
    {
        var driver = New().Submitted();
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Register, committee: City), RejectionKind.Forbidden, $"before committee {County}", $"office of committee {City}");
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Register, committee: Group), RejectionKind.Invalid, $"'{Group}' is not a committee");
        Refused.Is(New().Review(ReviewAction.Register), RejectionKind.NotFound, "proposal P1 does not exist");
    }

    // ---- not registered

    [Fact]
    public void Not_registered_needs_a_reason_and_credits_the_proposers()
    {
        var driver = New().Submitted(CoAuthor);
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.NotRegister), RejectionKind.Invalid, "reason is required");

        var decision = driver.Must(driver.Review(ReviewAction.NotRegister, reason: "属于个人诉求"));

        Assert.Equal([(Lead, ProposalCounters.NotRegistered, 1L), (CoAuthor, Cosigner(ProposalCounters.NotRegistered), 1L)], Credits.Of(decision));
        Assert.Equal(ProposalStatus.NotRegistered, driver.State.Status);
        Assert.Null(driver.State.ReportId);
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Key), RejectionKind.Conflict, "is not_registered");
    }

    [Fact]
    public void Not_registered_can_become_an_information_report_with_a_derived_id()
    {
        var driver = New("P00000000000000000001").Submitted(CoAuthor);

        driver.Must(driver.Review(ReviewAction.NotRegister, reason: "建议以社情民意信息报送", toReport: true));

        Assert.Equal(ProposalIds.ReportFor("P00000000000000000001"), driver.State.ReportId);
        Assert.Matches("^R[0-9a-f]{20}$", driver.State.ReportId);
        Assert.Equal(driver.State.Body, driver.State.ReportBody);
        Assert.NotEqual(ProposalIds.ReportFor("P00000000000000000002"), driver.State.ReportId);
    }

    [Fact]
    public void A_proposal_too_long_for_a_report_needs_the_reports_own_text()
    {
        var driver = new ProposalDriver(ProposalWorld.Build());
        driver.Must(driver.Draft(body: new string('长', 1501)));
        driver.Must(driver.Submit());

        Refused.Unchanged(driver, () => driver.Review(ReviewAction.NotRegister, reason: "转信息", toReport: true), RejectionKind.Invalid, "too long for an information report", "give reportBody");
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.NotRegister, reason: "转信息", toReport: true, reportBody: new string('短', 1501)), RejectionKind.Invalid, "reportBody has 1501 characters");
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.NotRegister, reason: "不转", reportBody: "正文"), RejectionKind.Invalid, "reportBody is only for");

        driver.Must(driver.Review(ReviewAction.NotRegister, reason: "转信息", toReport: true, reportBody: "精简后的信息正文"));
        Assert.Equal("精简后的信息正文", driver.State.ReportBody);
    }

    // ---- merge

    [Fact]
    public void A_merged_proposal_credits_its_own_proposers_with_merged()
    {
        var driver = New().Submitted(CoAuthor);

        var decision = driver.Must(driver.Review(ReviewAction.Merge, into: "P00000000000000000002"));

        Assert.Equal([(Lead, ProposalCounters.Merged, 1L), (CoAuthor, Cosigner(ProposalCounters.Merged), 1L)], Credits.Of(decision));
        Assert.Equal(ProposalStatus.Merged, driver.State.Status);
        Assert.Equal("P00000000000000000002", driver.State.MergedInto);
        Assert.Equal("P00000000000000000002", driver.State.ToSummary()!.MergedInto);
    }

    [Theory]
    [InlineData(null, "into", "is required")]
    [InlineData("P2", "into", "is required")]
    [InlineData("P00000000000000000001", "cannot be merged into itself", null)]
    public void A_merge_names_another_proposal(string? into, string first, string? second)
    {
        var driver = New("P00000000000000000001").Submitted();
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Merge, into: into), RejectionKind.Invalid, second is null ? [first] : [first, second]);
    }

    [Fact]
    public void The_surviving_proposal_must_be_registered_open_and_of_the_same_committee()
    {
        var target = New("P00000000000000000002");
        Refused_(ProposalRules.CheckMergeTarget(target.State, "P00000000000000000001", County), RejectionKind.Conflict, "does not exist");
        target.Submitted();
        Refused_(ProposalRules.CheckMergeTarget(target.State, "P00000000000000000001", County), RejectionKind.Conflict, "is submitted", "only into a registered proposal");
        target.Must(target.Review(ReviewAction.Register));
        Assert.Null(ProposalRules.CheckMergeTarget(target.State, "P00000000000000000001", County));
        Refused_(ProposalRules.CheckMergeTarget(target.State, "P00000000000000000001", SiblingCounty), RejectionKind.Conflict, "same committee");
        Refused_(ProposalRules.CheckMergeTarget(target.State, target.State.Id, County), RejectionKind.Invalid, "into itself");

        var closed = New("P00000000000000000003").Answered();
        closed.Must(closed.Rate(Lead));
        Refused_(ProposalRules.CheckMergeTarget(closed.State, "P00000000000000000001", County), RejectionKind.Conflict, "is closed");
    }

    [Fact]
    public void Absorbed_proposers_get_the_co_signer_share_of_what_the_survivor_reached_before_and_after()
    {
        var survivor = New("P00000000000000000002").Registered(CoAuthor);
        survivor.Must(survivor.Review(ReviewAction.Key, leadingLeader: "区政协主席"));

        // Joining a key proposal: credited as if they had co-signed it; the survivor's own co-signer gains nothing twice.
        var joined = survivor.Must(survivor.Absorb("P00000000000000000001", Third, [Extra(1), CoAuthor]));
        Assert.Equal([(Third, Cosigner(ProposalCounters.Key), 1L), (Extra(1), Cosigner(ProposalCounters.Key), 1L)], Credits.Of(joined));
        Assert.Equal([Lead, CoAuthor, Third, Extra(1)], survivor.State.Proposers);
        Refused.Unchanged(survivor, () => survivor.Absorb("P00000000000000000001", Third, []), RejectionKind.Conflict, "already been merged");

        // Later outcomes credit everyone who stands behind it, lead first.
        survivor.Must(survivor.Assign());
        var answered = survivor.Must(survivor.Answer(answerClass: AnswerClass.B));
        var b = ProposalCounters.Answered('b');
        Assert.Equal([(Lead, b, 1L), (CoAuthor, Cosigner(b), 1L), (Third, Cosigner(b), 1L), (Extra(1), Cosigner(b), 1L)], Credits.Of(answered));
        var excellent = survivor.Must(survivor.Review(ReviewAction.Excellent));
        Assert.Equal(4, excellent.Deltas.Count);

        // Joining after the answer: the answer and the excellence, but never the registration (their own merged stands for it).
        var late = survivor.Must(survivor.Absorb("P00000000000000000003", Extra(2), [Lead]));
        Assert.Equal(
            [(Extra(2), Cosigner(ProposalCounters.Key), 1L), (Extra(2), Cosigner(ProposalCounters.Excellent), 1L), (Extra(2), Cosigner(b), 1L)],
            Credits.Of(late));
        Assert.DoesNotContain(survivor.Entries.SelectMany(e => e.Deltas), d => d.Member == Third && d.Counter.StartsWith(ProposalCounters.Registered, StringComparison.Ordinal));
    }

    [Fact]
    public void Absorbing_is_refused_where_merging_is()
    {
        var submitted = New("P00000000000000000002").Submitted();
        Refused.Unchanged(submitted, () => submitted.Absorb("P00000000000000000001", Third, []), RejectionKind.Conflict, "only into a registered proposal");
        var registered = New("P00000000000000000002").Registered();
        Refused.Unchanged(registered, () => registered.Absorb("P00000000000000000001", Third, [], committee: SiblingCounty), RejectionKind.Conflict, "same committee");
        Refused.Unchanged(registered, () => registered.Absorb("P00000000000000000001", "420607-M9999", []), RejectionKind.Invalid, "not a member");
    }

    // ---- key, excellent, close

    [Fact]
    public void Key_is_marked_once_on_a_registered_open_proposal_with_an_optional_leading_leader()
    {
        var driver = New().Submitted(CoAuthor);
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Key), RejectionKind.Conflict, "only a registered proposal that is not closed");
        driver.Must(driver.Review(ReviewAction.Register));
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Key, leadingLeader: new string('长', 51)), RejectionKind.Invalid, "leadingLeader has 51 characters");

        var decision = driver.Must(driver.Review(ReviewAction.Key, leadingLeader: "区委书记"));

        Assert.Equal([(Lead, ProposalCounters.Key, 1L), (CoAuthor, Cosigner(ProposalCounters.Key), 1L)], Credits.Of(decision));
        Assert.True(driver.State.Key);
        Assert.Equal("区委书记", driver.State.LeadingLeader);
        Assert.Equal(ProposalStatus.Registered, driver.State.Status);
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Key), RejectionKind.Conflict, "already a key proposal");

        var closed = New().Answered();
        closed.Must(closed.Rate(Lead));
        Refused.Unchanged(closed, () => closed.Review(ReviewAction.Key), RejectionKind.Conflict, "is closed");
    }

    [Fact]
    public void Excellent_is_marked_once_on_any_registered_proposal_even_closed()
    {
        var submitted = New().Submitted();
        Refused.Unchanged(submitted, () => submitted.Review(ReviewAction.Excellent), RejectionKind.Conflict, "only a registered proposal can be marked excellent");

        var closed = New().Answered(CoAuthor);
        closed.Must(closed.Rate(Lead));
        closed.Must(closed.Rate(CoAuthor, Satisfaction.Basically));
        Assert.Equal(ProposalStatus.Closed, closed.State.Status);

        var decision = closed.Must(closed.Review(ReviewAction.Excellent));

        Assert.Equal([(Lead, ProposalCounters.Excellent, 1L), (CoAuthor, Cosigner(ProposalCounters.Excellent), 1L)], Credits.Of(decision));
        Assert.Equal(ProposalStatus.Closed, closed.State.Status);
        Refused.Unchanged(closed, () => closed.Review(ReviewAction.Excellent), RejectionKind.Conflict, "already marked excellent");
    }

    [Fact]
    public void The_office_closes_an_answered_proposal_naming_who_had_not_rated()
    {
        var driver = New().Answered(CoAuthor, Third);
        driver.Must(driver.Rate(CoAuthor));

        var e = Assert.IsType<ProposalClosed>(driver.Must(driver.Review(ReviewAction.Close, reason: "超过评价期限")).Event);

        Assert.Equal([Lead, Third], e.Unrated);
        Assert.Equal(ProposalStatus.Closed, driver.State.Status);
        Refused.Unchanged(driver, () => driver.Review(ReviewAction.Close), RejectionKind.Conflict, "is closed");

        var assigned = New().Assigned();
        Refused.Unchanged(assigned, () => assigned.Review(ReviewAction.Close), RejectionKind.Conflict, "only an answered proposal");
    }

    [Fact]
    public void An_unknown_action_is_invalid() =>
        Refused.Is(New().Submitted().Review((ReviewAction)99), RejectionKind.Invalid, "unknown action");

    private static void Refused_(Rejection? rejection, RejectionKind kind, params string[] fragments)
    {
        Assert.NotNull(rejection);
        Assert.Equal(kind, rejection!.Kind);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, rejection.Message, StringComparison.Ordinal);
        }
    }
}
