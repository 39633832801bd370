using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Proposals;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Proposals;

/// <summary>Draft, joint signing (联名) with its deadline, submission and withdrawal: every step and every refusal.</summary>
public sealed class ProposalSigningTests
{
    private static ProposalDriver New(int extra = 0) => new(ProposalWorld.Build(extra));

    // ---- draft

    [Fact]
    public void A_member_drafts_a_proposal_for_their_committee_which_counts_nothing_yet()
    {
        var driver = New();

        var decision = driver.Must(driver.Draft());

        Assert.Empty(decision.Deltas);
        Assert.Equal(ProposalState.DraftsSubject(Lead), decision.Subject);
        Assert.Equal(ProposalStatus.Draft, driver.State.Status);
        Assert.Equal(County, driver.State.Committee);
        Assert.Equal(Lead, driver.State.Lead);
        Assert.Null(driver.State.ToSummary());
    }

    [Fact]
    public void Drafting_twice_is_a_conflict() =>
        Refused.Unchanged(Drafted(), () => Drafted().Draft(), RejectionKind.Conflict, "already been drafted");

    [Theory]
    [InlineData("420607-M9999")]
    [InlineData(Group)]
    [InlineData(County)]
    public void Only_a_member_can_draft(string lead) =>
        Refused.Is(New().Draft(lead: lead), RejectionKind.Invalid, $"'{lead}' is not a member");

    [Theory]
    [InlineData("", "body", "title is required")]
    [InlineData("标题", " ", "body is required")]
    [InlineData("标\u0007题", "正文", "control character")]
    public void Title_and_body_are_checked(string title, string body, string problem) =>
        Refused.Is(New().Draft(title: title, body: body), RejectionKind.Invalid, problem);

    [Fact]
    public void Length_limits_are_counted_in_characters()
    {
        Assert.Null(New().Draft(title: new string('提', ProposalRules.MaxTitleLength), body: new string('案', ProposalRules.MaxBodyLength)).Rejection);
        Refused.Is(New().Draft(title: new string('提', ProposalRules.MaxTitleLength + 1)), RejectionKind.Invalid, "title has 101 characters");
        Refused.Is(New().Draft(body: new string('案', ProposalRules.MaxBodyLength + 1)), RejectionKind.Invalid, "body has 10001 characters");
    }

    // ---- invite

    [Fact]
    public void The_lead_invites_members_of_the_same_committee_with_a_deadline()
    {
        var driver = Drafted();

        driver.Must(driver.Invite([CoAuthor, Third], driver.Deadline));

        Assert.Equal(ProposalStatus.Signing, driver.State.Status);
        Assert.Equal(driver.Deadline, driver.State.SigningDeadline);
        Assert.Equal([CoAuthor, Third], driver.State.Invitations.Select(i => i.Member));
        Assert.All(driver.State.Invitations, i => Assert.Equal(Invitation.Pending, i.Answer));
        var e = Assert.IsType<ProposalInvited>(Deserialize(driver));
        Assert.Equal([CoAuthor, Third], e.Members);
    }

    [Fact]
    public void Later_invitations_keep_the_deadline_and_cannot_move_it()
    {
        var driver = Drafted(extra: 2);
        driver.Must(driver.Invite([CoAuthor], driver.Deadline));

        driver.Must(driver.Invite([Third]));
        driver.Must(driver.Invite([Extra(1)], driver.Deadline));
        Refused.Unchanged(driver, () => driver.Invite([Extra(2)], driver.Deadline.AddHours(1)), RejectionKind.Conflict, "already", "cannot be moved");

        Assert.Equal(3, driver.State.Invitations.Count);
        Assert.Equal(driver.Deadline, driver.State.SigningDeadline);
    }

    [Fact]
    public void The_first_invitation_needs_a_deadline_in_the_next_thirty_days()
    {
        var driver = Drafted();
        Refused.Unchanged(driver, () => driver.Invite([CoAuthor]), RejectionKind.Invalid, "deadline", "required");
        Refused.Unchanged(driver, () => driver.Invite([CoAuthor], driver.Now), RejectionKind.Invalid, "not in the future");
        Refused.Unchanged(driver, () => driver.Invite([CoAuthor], driver.Now.AddDays(31)), RejectionKind.Invalid, "more than 30 days");
        Assert.Null(driver.Invite([CoAuthor], driver.Now.AddDays(30)).Rejection);
    }

    [Fact]
    public void Invitees_are_checked_one_by_one()
    {
        var driver = Drafted();
        Refused.Unchanged(driver, () => driver.Invite([]), RejectionKind.Invalid, "at least one member");
        Refused.Unchanged(driver, () => driver.Invite([CoAuthor, CoAuthor], driver.Deadline), RejectionKind.Invalid, "invited twice");
        Refused.Unchanged(driver, () => driver.Invite([Lead], driver.Deadline), RejectionKind.Invalid, "cannot co-sign their own");
        Refused.Unchanged(driver, () => driver.Invite(["420607-M9999"], driver.Deadline), RejectionKind.Invalid, "'420607-M9999' is not a member");
        Refused.Unchanged(driver, () => driver.Invite([CityMember], driver.Deadline), RejectionKind.Invalid, $"belongs to committee {City}", $"members of committee {County}");

        driver.Must(driver.Invite([CoAuthor], driver.Deadline));
        Refused.Unchanged(driver, () => driver.Invite([CoAuthor]), RejectionKind.Conflict, "already been invited");
    }

    [Fact]
    public void At_most_twenty_co_signers_are_invited()
    {
        var driver = Drafted(extra: 21);
        driver.Must(driver.Invite([.. Enumerable.Range(1, 19).Select(Extra)], driver.Deadline));
        Refused.Unchanged(driver, () => driver.Invite([Extra(20), Extra(21)]), RejectionKind.Invalid, "at most 20 co-signers", "it has 19 and 2 more");
        driver.Must(driver.Invite([Extra(20)]));
    }

    [Fact]
    public void Only_the_lead_invites_and_only_an_existing_proposal()
    {
        Refused.Is(New().Invite([CoAuthor], DateTimeOffset.UtcNow.AddDays(1)), RejectionKind.NotFound, "proposal P1 does not exist");
        var driver = Drafted();
        Refused.Unchanged(driver, () => driver.Invite([Third], driver.Deadline, lead: CoAuthor), RejectionKind.Forbidden, $"only the lead author ({Lead})");
    }

    [Fact]
    public void No_invitation_after_the_deadline_or_after_submission()
    {
        var driver = Drafted();
        driver.Must(driver.Invite([CoAuthor], driver.Deadline));
        driver.Now = driver.Deadline;
        Refused.Unchanged(driver, () => driver.Invite([Third]), RejectionKind.Conflict, "has passed");

        var submitted = Drafted();
        submitted.Must(submitted.Submit());
        Refused.Unchanged(submitted, () => submitted.Invite([Third], submitted.Deadline), RejectionKind.Conflict, "is submitted", "only while it is a draft or being signed");
    }

    // ---- sign

    [Fact]
    public void Invitees_accept_or_decline_once_each()
    {
        var driver = Invited();

        Assert.Equal("proposal.signed", driver.Must(driver.Sign(CoAuthor)).Event!.Kind);
        Assert.Equal("proposal.sign_declined", driver.Must(driver.Sign(Third, accept: false)).Event!.Kind);

        Assert.Equal(Invitation.Accepted, driver.State.Invitations[0].Answer);
        Assert.Equal(Invitation.Declined, driver.State.Invitations[1].Answer);
        Assert.All(driver.Entries.Skip(2), e => Assert.Empty(e.Deltas));
        Refused.Unchanged(driver, () => driver.Sign(CoAuthor, accept: false), RejectionKind.Conflict, "already accepted");
        Refused.Unchanged(driver, () => driver.Sign(Third), RejectionKind.Conflict, "already declined");
    }

    [Fact]
    public void Only_invitees_sign_and_only_while_signing_is_open()
    {
        var driver = Invited();
        Refused.Unchanged(driver, () => driver.Sign(Lead), RejectionKind.Forbidden, $"'{Lead}' was not invited");
        Refused.Unchanged(driver, () => driver.Sign(CityMember), RejectionKind.Forbidden, "was not invited");

        driver.Now = driver.State.SigningDeadline!.Value;
        Refused.Unchanged(driver, () => driver.Sign(CoAuthor), RejectionKind.Conflict, "signing deadline", "has passed");

        var submitted = Invited();
        submitted.Must(submitted.Submit());
        Refused.Unchanged(submitted, () => submitted.Sign(CoAuthor), RejectionKind.Conflict, "is submitted", "signing has closed");

        Refused.Is(New().Sign(CoAuthor), RejectionKind.NotFound, "does not exist");
    }

    [Fact]
    public void The_deadline_closes_signing_through_the_clock_and_open_invitations_lapse()
    {
        var driver = Invited();
        driver.Must(driver.Sign(CoAuthor));
        var deadline = driver.State.SigningDeadline!.Value;

        Assert.Equal(deadline, ProposalRules.NextDeadline(driver.State, 15));
        driver.Now = deadline.AddTicks(-1);
        Assert.Empty(driver.Tick());

        driver.Now = deadline;
        Assert.Equal(["proposal.signing_closed"], driver.Tick());
        Assert.Equal(ProposalStatus.SigningClosed, driver.State.Status);
        Assert.Equal(Invitation.Lapsed, driver.State.Invitations.Single(i => i.Member == Third).Answer);
        Assert.Null(ProposalRules.NextDeadline(driver.State, 15));
        Assert.Empty(driver.Tick());

        Refused.Unchanged(driver, () => driver.Sign(Third), RejectionKind.Conflict, "is signing_closed", "signing has closed");
        Refused.Unchanged(driver, () => driver.Invite([Extra(1)]), RejectionKind.Conflict, "is signing_closed");
    }

    // ---- submit

    [Fact]
    public void Submission_counts_the_lead_and_every_co_signer_who_signed_and_lapses_the_rest()
    {
        var driver = Invited();
        driver.Must(driver.Sign(CoAuthor));
        var year = Credits.Year(driver.Now);

        var decision = driver.Must(driver.Submit());

        Assert.Equal([(Lead, ProposalCounters.Submitted, 1L), (CoAuthor, ProposalCounters.Cosigned, 1L)], Credits.Of(decision));
        Assert.All(decision.Deltas, d => Assert.Equal(year, d.Year));
        Assert.Equal(ProposalState.RegisterSubject(County), decision.Subject);
        var e = Assert.IsType<ProposalSubmitted>(decision.Event);
        Assert.Equal([CoAuthor], e.Cosigners);
        Assert.Equal([Third], e.Lapsed);
        Assert.Equal(ProposalStatus.Submitted, driver.State.Status);
        Assert.Equal(Invitation.Lapsed, driver.State.Invitations[1].Answer);
        Assert.Equal([Lead, CoAuthor], driver.State.Proposers);
        Assert.NotNull(driver.State.ToSummary());
    }

    [Fact]
    public void Submission_during_the_plenary_and_between_sessions_is_recorded_with_the_session()
    {
        var during = Drafted();
        during.Now = new DateTimeOffset(2026, 1, 6, 9, 0, 0, TimeSpan.FromHours(8));
        var plenary = Assert.IsType<ProposalSubmitted>(during.Must(during.Submit()).Event);
        Assert.Equal(("10-5", "区政协十届五次会议", true), (plenary.Session, plenary.SessionName, plenary.DuringPlenary));

        var between = Drafted();
        between.Now = new DateTimeOffset(2025, 12, 31, 23, 59, 0, TimeSpan.FromHours(8));
        var before = Assert.IsType<ProposalSubmitted>(between.Must(between.Submit()).Event);
        Assert.Equal(("10-4", "第10届第4次会议", false), (before.Session, before.SessionName, before.DuringPlenary));
    }

    [Fact]
    public void A_draft_without_co_signers_and_a_closed_signing_can_be_submitted()
    {
        var alone = Drafted();
        Assert.Equal([(Lead, ProposalCounters.Submitted, 1L)], Credits.Of(alone.Must(alone.Submit())));

        var closed = Invited();
        closed.Now = closed.State.SigningDeadline!.Value;
        closed.Tick();
        Assert.Equal([(Lead, ProposalCounters.Submitted, 1L)], Credits.Of(closed.Must(closed.Submit())));
    }

    [Fact]
    public void Only_the_lead_submits_and_only_once()
    {
        Refused.Is(New().Submit(), RejectionKind.NotFound, "does not exist");
        var driver = Drafted();
        Refused.Unchanged(driver, () => driver.Submit(CoAuthor), RejectionKind.Forbidden, "only the lead author");
        driver.Must(driver.Submit());
        Refused.Unchanged(driver, () => driver.Submit(), RejectionKind.Conflict, "is submitted", "only a draft can be submitted");
    }

    // ---- withdraw

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_lead_withdraws_until_the_office_decides(int stage)
    {
        var driver = Drafted();
        if (stage >= 1)
        {
            driver.Must(driver.Invite([CoAuthor], driver.Deadline));
        }

        if (stage == 2)
        {
            driver.Now = driver.Deadline;
            driver.Tick();
        }

        if (stage == 3)
        {
            driver.Must(driver.Submit());
        }

        var decision = driver.Must(driver.Withdraw(reason: "情况已变化"));

        Assert.Empty(decision.Deltas);
        Assert.Equal(ProposalStatus.Withdrawn, driver.State.Status);
        Assert.Equal("情况已变化", driver.State.Reason);
        Refused.Unchanged(driver, () => driver.Withdraw(), RejectionKind.Conflict, "is withdrawn");
        Refused.Unchanged(driver, () => driver.Submit(), RejectionKind.Conflict, "is withdrawn");
    }

    [Fact]
    public void Withdrawal_is_refused_after_the_decision_and_to_anyone_but_the_lead()
    {
        var registered = new ProposalDriver(ProposalWorld.Build()).Registered();
        Refused.Unchanged(registered, () => registered.Withdraw(), RejectionKind.Conflict, "is registered", "only until the office has decided");
        var draft = Drafted();
        Refused.Unchanged(draft, () => draft.Withdraw(CoAuthor), RejectionKind.Forbidden, "only the lead author");
        Refused.Unchanged(draft, () => draft.Withdraw(reason: "原因\u0000"), RejectionKind.Invalid, "control character");
    }

    private static ProposalDriver Drafted(int extra = 2)
    {
        var driver = New(extra);
        driver.Must(driver.Draft());
        return driver;
    }

    private static ProposalDriver Invited()
    {
        var driver = Drafted();
        driver.Must(driver.Invite([CoAuthor, Third], driver.Deadline));
        return driver;
    }

    private static ProposalEvent Deserialize(ProposalDriver driver) => ProposalJson.Deserialize(driver.Entries[^1].Payload);
}
