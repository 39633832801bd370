using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Proposals;
using static CommitteeGrid.Domain.Tests.Proposals.ProposalWorld;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Proposals;

/// <summary>A proposal rebuilt from its ledger entries (payloads as stored) is the proposal that was recorded.</summary>
public sealed class ProposalReplayTests
{
    [Fact]
    public void Replaying_every_kind_of_entry_rebuilds_the_same_proposal()
    {
        var driver = new ProposalDriver(ProposalWorld.Build(extraMembers: 2));
        driver.Must(driver.Draft());
        driver.Must(driver.Invite([CoAuthor, Third, Extra(1)], driver.Deadline));
        driver.Must(driver.Sign(CoAuthor));
        driver.Must(driver.Sign(Third, accept: false));
        driver.Must(driver.Submit());
        driver.Must(driver.Review(ReviewAction.Register));
        driver.Must(driver.Review(ReviewAction.Key, leadingLeader: "区长"));
        driver.Must(driver.Assign(Unit1, [Unit2, Unit3], dueAt: driver.Now.AddDays(20)));
        driver.Must(driver.HandBack(Unit3));
        driver.Must(driver.HandBack(Unit1));
        driver.Must(driver.Assign(Unit2, dueAt: driver.Now.AddDays(20)));
        driver.Now = driver.Now.AddDays(6);
        driver.Tick();
        driver.Now = driver.Now.AddDays(15);
        driver.Tick();
        driver.Must(driver.Absorb("P00000000000000000009", Extra(2), []));
        driver.Must(driver.Answer(Unit2, AnswerClass.C, "留作参考"));
        driver.Must(driver.Rate(Extra(2), Satisfaction.Basically));
        driver.Must(driver.Review(ReviewAction.Excellent));
        driver.Must(driver.Review(ReviewAction.Close, reason: "评价期满"));

        var replayed = new ProposalState("P1");
        foreach (var entry in driver.Entries)
        {
            replayed.Replay(entry);
        }

        var expected = driver.State.ToView();
        var actual = replayed.ToView();
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(ProposalStatus.Closed, actual.Status);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Invitations, actual.Invitations);
        Assert.Equal(expected.Cosigners, actual.Cosigners);
        Assert.Equal(expected.Units, actual.Units);
        Assert.Equal(expected.Absorbed.Select(a => (a.ProposalId, a.Lead, string.Join(",", a.Cosigners))), actual.Absorbed.Select(a => (a.ProposalId, a.Lead, string.Join(",", a.Cosigners))));
        Assert.Equal(expected.Answer, actual.Answer);
        Assert.Equal(expected.Ratings, actual.Ratings);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal((expected.Number, expected.NumberText, expected.Key, expected.LeadingLeader, expected.Excellent, expected.Reason), (actual.Number, actual.NumberText, actual.Key, actual.LeadingLeader, actual.Excellent, actual.Reason));
        var summary = driver.State.ToSummary()!;
        var replayedSummary = replayed.ToSummary()!;
        Assert.Equal(summary with { Units = [] }, replayedSummary with { Units = [] });
        Assert.Equal(summary.Units, replayedSummary.Units);
        Assert.Equal(
            ["proposal.due_soon", "proposal.overdue"],
            actual.History.Select(h => h.Event).Where(e => e.StartsWith("proposal.due", StringComparison.Ordinal) || e == "proposal.overdue"));
        foreach (var member in driver.State.CreditedMembers)
        {
            Assert.Equal(driver.State.CreditTo(member)!.Counts, replayed.CreditTo(member)!.Counts);
            Assert.Equal(driver.State.CreditTo(member)!.Version, replayed.CreditTo(member)!.Version);
        }
    }

    [Fact]
    public void Enumerations_are_stored_as_words()
    {
        var payload = ProposalJson.Serialize(new ProposalAnswered("420607-H01", AnswerClass.B, "正在解决", ["420607-M0001"]));

        Assert.Contains("\"class\":\"b\"", payload, StringComparison.Ordinal);
        Assert.Contains("正在解决", payload, StringComparison.Ordinal);
        Assert.Equal(AnswerClass.B, Assert.IsType<ProposalAnswered>(ProposalJson.Deserialize(payload)).Class);
    }

    [Fact]
    public void An_entry_out_of_order_is_refused()
    {
        var driver = new ProposalDriver(ProposalWorld.Build());
        driver.Must(driver.Draft());
        driver.Must(driver.Submit());
        var state = new ProposalState("P1");

        Assert.Throws<InvalidOperationException>(() => state.Replay(driver.Entries[1]));
    }
}
