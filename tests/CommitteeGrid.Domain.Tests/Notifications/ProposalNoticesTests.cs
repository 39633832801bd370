using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Duty;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tests.Proposals;
using static CommitteeGrid.Domain.Tests.Proposals.ProposalWorld;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Each step of a proposal or duty record tells exactly the people and units it concerns.</summary>
public sealed class ProposalNoticesTests
{
    [Fact]
    public void Every_step_of_a_proposal_reaches_exactly_who_it_concerns()
    {
        var driver = new ProposalDriver(ProposalWorld.Build(extraMembers: 2));
        var told = new List<(string Kind, string[] Recipients)>();
        void Step(Func<ProposalDecision> act)
        {
            driver.Must(act());
            var entry = driver.Entries[^1];
            if (ProposalNotices.For(driver.State, entry, ProposalJson.Deserialize(entry.Payload), CommitteeLevel.County) is { } notice)
            {
                Assert.Equal(DomainEvent.IdOf(entry.Stream, entry.Version), notice.EventId);
                Assert.Equal(("P1", County, CommitteeLevel.County), (notice.SubjectId, notice.Committee, notice.Level));
                told.Add((notice.Kind, [.. notice.Recipients]));
            }
            else
            {
                told.Add((entry.Kind + " (nobody)", []));
            }
        }

        Step(() => driver.Draft());
        Step(() => driver.Invite([CoAuthor, Third], driver.Deadline));
        Step(() => driver.Sign(CoAuthor));
        Step(() => driver.Sign(Third, accept: false));
        Step(() => driver.Submit());
        Step(() => driver.Review(ReviewAction.Register));
        Step(() => driver.Absorb("P00000000000000000009", Extra(1), [Extra(2)]));
        Step(() => driver.Assign(Unit1, [Unit2], dueAt: driver.Now.AddDays(30)));
        driver.Now = driver.Now.AddDays(16);
        var before = driver.Entries.Count;
        Assert.Equal(2, driver.Tick().Count);
        foreach (var entry in driver.Entries.Skip(before))
        {
            var notice = ProposalNotices.For(driver.State, entry, ProposalJson.Deserialize(entry.Payload), CommitteeLevel.County)!;
            told.Add((notice.Kind, [.. notice.Recipients]));
        }

        Step(() => driver.HandBack(Unit2));
        Step(() => driver.Answer(Unit1, AnswerClass.A));
        Step(() => driver.Rate(Lead));

        (string, string[])[] expected =
        [
            ("proposal.drafted (nobody)", []),
            (EventKinds.ProposalInvited, [CoAuthor, Third]),
            ("proposal.signed (nobody)", []),
            ("proposal.sign_declined (nobody)", []),
            (EventKinds.ProposalSubmitted, [County]),
            (EventKinds.ProposalRegistered, [Lead, CoAuthor]),
            (EventKinds.ProposalMerged, [Lead, CoAuthor, Extra(1), Extra(2)]),
            (EventKinds.ProposalAssigned, [Unit1, Unit2]),
            (EventKinds.ProposalDueSoon, [Unit1]),
            (EventKinds.ProposalDueSoon, [Unit2]),
            (EventKinds.ProposalHandedBack, [County]),
            (EventKinds.ProposalAnswered, [Lead, CoAuthor, Extra(1), Extra(2)]),
            ("proposal.rated (nobody)", []),
        ];
        Assert.Equal(expected.Select(e => $"{e.Item1}: {string.Join(",", e.Item2)}"), told.Select(t => $"{t.Kind}: {string.Join(",", t.Recipients)}"));
        Assert.All(told.Select(t => t.Kind).Where(k => !k.EndsWith("(nobody)", StringComparison.Ordinal)), k => Assert.Contains(k, EventKinds.All));
    }

    [Fact]
    public void Not_registered_tells_every_proposer_and_overdue_tells_the_unit()
    {
        var refused = new ProposalDriver(ProposalWorld.Build()).Submitted(CoAuthor);
        refused.Must(refused.Review(ReviewAction.NotRegister, reason: "个人诉求", toReport: true));
        var notice = ProposalNotices.For(refused.State, refused.Entries[^1], ProposalJson.Deserialize(refused.Entries[^1].Payload), CommitteeLevel.County)!;
        Assert.Equal(EventKinds.ProposalNotRegistered, notice.Kind);
        Assert.Equal([Lead, CoAuthor], notice.Recipients);
        Assert.Contains(refused.State.ReportId!, notice.Detail, StringComparison.Ordinal);

        var late = new ProposalDriver(ProposalWorld.Build()).Assigned();
        late.Now = late.Now.AddDays(91);
        late.Tick();
        var overdue = ProposalNotices.For(late.State, late.Entries[^1], ProposalJson.Deserialize(late.Entries[^1].Payload), CommitteeLevel.County)!;
        Assert.Equal(EventKinds.ProposalOverdue, overdue.Kind);
        Assert.Equal([Unit1], overdue.Recipients);
    }

    [Fact]
    public void A_members_duty_report_tells_the_group_and_a_rejection_tells_the_member()
    {
        var network = Reports.TestNetwork.Build();
        var state = new DutyRecordState("D1");
        var now = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
        DomainEvent? Apply(DutyDecision decision)
        {
            var e = decision.Event!;
            var entry = new LedgerEntry(state.Stream, state.Version + 1, e.Kind, DutyJson.Serialize(e), $"k{state.Version}", "h", "u", "member", null, null, now, decision.Subject, decision.Deltas);
            state.Apply(entry, e);
            return DutyNotices.For(state, entry, e);
        }

        var reported = Apply(DutyRules.Record(state, network, new RecordDuty(DutyKind.Deed, "修缮村道", new DateOnly(2026, 3, 1), null, [], Lead), now))!;
        var rejected = Apply(DutyRules.Confirm(state, network, new ConfirmDuty(Group, false, "缺少佐证")))!;

        Assert.Equal((EventKinds.DutyReported, Group), (reported.Kind, reported.Recipients.Single()));
        Assert.Equal((EventKinds.DutyRejected, Lead, "缺少佐证"), (rejected.Kind, rejected.Recipients.Single(), rejected.Detail));
    }
}
