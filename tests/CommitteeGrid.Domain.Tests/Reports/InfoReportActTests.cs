using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Reports;
using static CommitteeGrid.Domain.Tests.Reports.ReportDriver;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Reports;

/// <summary>Adopt, forward, decline, return and revise: every transition and every refusal.</summary>
public sealed class InfoReportActTests
{
    private static ReportDriver Submitted()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit(Report(coAuthors: [CoAuthor])));
        return driver;
    }

    /// <summary>Submitted, then forwarded by each committee up to (and including) <paramref name="to"/>.</summary>
    private static ReportDriver At(string to)
    {
        var driver = Submitted();
        foreach (var (from, next) in new[] { (County, City), (City, Province), (Province, National) })
        {
            if (driver.State.Top!.Committee == to)
            {
                break;
            }

            driver.Must(driver.Act(from, ReportAction.Forward));
            Assert.Equal(next, driver.State.Top!.Committee);
        }

        Assert.Equal(to, driver.State.Top!.Committee);
        return driver;
    }

    /// <summary>Asserts a refusal and that nothing was recorded.</summary>
    private static void RefusedAndUnchanged(ReportDriver driver, Func<Decision> act, RejectionKind kind, params string[] fragments)
    {
        var version = driver.State.Version;
        var view = driver.State.ToView();

        Refusal.Assert(act(), kind, fragments);

        Assert.Equal(version, driver.State.Version);
        Assert.Equal(view.Status, driver.State.Status);
        Assert.Equal(view.Levels.Count, driver.State.Levels.Count);
    }

    // ---- act on what does not exist

    [Theory]
    [InlineData(ReportAction.Adopt)]
    [InlineData(ReportAction.Forward)]
    [InlineData(ReportAction.Decline)]
    [InlineData(ReportAction.Return)]
    [InlineData(ReportAction.Endorse)]
    public void Acting_on_a_report_that_does_not_exist_is_not_found(ReportAction action)
    {
        var driver = new ReportDriver(Build(), "R404");

        var decision = driver.Act(Action(County, action, reason: "原因", leaderTitle: "主席", date: new DateOnly(2026, 3, 1)));

        Refusal.Assert(decision, RejectionKind.NotFound, "report R404", "does not exist");
    }

    [Fact]
    public void Revising_a_report_that_does_not_exist_is_not_found()
    {
        var driver = new ReportDriver(Build(), "R404");

        Refusal.Assert(driver.Revise(new(Lead, "标题", "正文")), RejectionKind.NotFound, "report R404", "does not exist");
    }

    [Theory]
    [InlineData("XX")]
    [InlineData(Group)]
    [InlineData(Lead)]
    [InlineData(Office)]
    public void Acting_as_something_that_is_not_a_committee_is_invalid(string committee)
    {
        var driver = Submitted();

        RefusedAndUnchanged(driver, () => driver.Act(committee, ReportAction.Adopt), RejectionKind.Invalid, $"'{committee}'", "not a committee");
    }

    [Theory]
    [InlineData(City, ReportAction.Adopt)]
    [InlineData(Province, ReportAction.Forward)]
    [InlineData(National, ReportAction.Decline)]
    [InlineData(SiblingCounty, ReportAction.Adopt)]
    [InlineData(City, ReportAction.Return)]
    public void Acting_at_a_committee_the_report_never_reached_is_a_conflict(string committee, ReportAction action)
    {
        var driver = Submitted();

        RefusedAndUnchanged(driver, () => driver.Act(committee, action, "原因"), RejectionKind.Conflict, $"committee {committee}", $"it is at {County}");
    }

    [Fact]
    public void Endorsing_at_a_committee_the_report_never_reached_is_a_conflict()
    {
        var driver = Submitted();

        RefusedAndUnchanged(driver, () => driver.Endorse(City, "市政协主席", new DateOnly(2026, 3, 2)), RejectionKind.Conflict, $"committee {City}");
    }

    // ---- adopt

    [Fact]
    public void Adopt_marks_the_level_adopted_and_credits_the_lead()
    {
        var driver = Submitted();

        var decision = driver.Must(driver.Act(County, ReportAction.Adopt));

        var e = Assert.IsType<InfoReportAdopted>(decision.Event);
        Assert.Equal(County, e.Committee);
        Assert.Equal(CommitteeLevel.County, e.Level);
        Assert.Null(decision.Subject);
        var delta = Assert.Single(decision.Deltas);
        Assert.Equal("report.adopted.county", delta.Counter);
        Assert.True(driver.State.LevelAt(County)!.Adopted);
        Assert.Equal("adopted", driver.State.Status);
    }

    [Fact]
    public void Adopting_twice_at_one_level_is_a_conflict()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Adopt));

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Adopt), RejectionKind.Conflict, $"committee {County}", "already been adopted");
    }

    [Fact]
    public void Each_level_adopts_once()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Adopt));
        driver.Must(driver.Act(County, ReportAction.Forward));

        driver.Must(driver.Act(City, ReportAction.Adopt));

        RefusedAndUnchanged(driver, () => driver.Act(City, ReportAction.Adopt), RejectionKind.Conflict, $"committee {City}", "already been adopted");
        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Adopt), RejectionKind.Conflict, $"committee {County}", "already been adopted");
    }

    [Fact]
    public void A_level_may_adopt_after_forwarding()
    {
        var driver = At(City);

        driver.Must(driver.Act(County, ReportAction.Adopt));

        var county = driver.State.LevelAt(County)!;
        Assert.True(county.Adopted);
        Assert.True(county.Forwarded);
    }

    // ---- forward

    [Fact]
    public void Forward_goes_to_the_parent_committee()
    {
        var driver = Submitted();

        var decision = driver.Must(driver.Act(County, ReportAction.Forward));

        var e = Assert.IsType<InfoReportForwarded>(decision.Event);
        Assert.Equal(County, e.Committee);
        Assert.Equal(City, e.To);
        Assert.Equal(CommitteeLevel.City, e.ToLevel);
        Assert.Equal(City, decision.Subject);
        Assert.Equal("report.forwarded.city", Assert.Single(decision.Deltas).Counter);

        Assert.Equal([County, City], driver.State.Levels.Select(l => l.Committee));
        var city = driver.State.LevelAt(City)!;
        Assert.Equal(County, city.FromCommittee);
        Assert.Equal(CommitteeLevel.City, city.Level);
        Assert.Equal("pending", driver.State.Status);
        Assert.Equal("forwarded", driver.State.LevelAt(County)!.Status);
    }

    [Fact]
    public void Forward_naming_the_parent_is_accepted()
    {
        var driver = Submitted();

        var decision = driver.Must(driver.Act(Action(County, ReportAction.Forward, forwardTo: City)));

        Assert.Equal(City, Assert.IsType<InfoReportForwarded>(decision.Event).To);
    }

    [Theory]
    [InlineData(Province)]
    [InlineData(National)]
    [InlineData(SiblingCounty)]
    [InlineData(County)]
    [InlineData("nowhere")]
    public void Forward_to_anything_but_the_parent_is_a_conflict(string forwardTo)
    {
        var driver = Submitted();

        RefusedAndUnchanged(
            driver,
            () => driver.Act(Action(County, ReportAction.Forward, forwardTo: forwardTo)),
            RejectionKind.Conflict,
            "one level at a time",
            $"only to {City}",
            $"'{forwardTo}'");
    }

    [Fact]
    public void The_city_forwards_only_to_its_province()
    {
        var driver = At(City);

        RefusedAndUnchanged(driver, () => driver.Act(Action(City, ReportAction.Forward, forwardTo: National)), RejectionKind.Conflict, $"only to {Province}");
        driver.Must(driver.Act(Action(City, ReportAction.Forward, forwardTo: Province)));
    }

    [Fact]
    public void Forwarding_twice_is_a_conflict()
    {
        var driver = At(City);

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Forward), RejectionKind.Conflict, $"committee {County}", "already been forwarded");
        Assert.Equal(2, driver.State.Levels.Count);
    }

    [Fact]
    public void The_national_committee_cannot_forward()
    {
        var driver = At(National);

        RefusedAndUnchanged(driver, () => driver.Act(National, ReportAction.Forward), RejectionKind.Conflict, $"committee {National}", "highest", "nowhere to forward");
    }

    [Fact]
    public void A_report_climbs_all_the_way_to_the_national_committee()
    {
        var driver = At(National);

        Assert.Equal([County, City, Province, National], driver.State.Levels.Select(l => l.Committee));
        Assert.Equal(
            [CommitteeLevel.County, CommitteeLevel.City, CommitteeLevel.Province, CommitteeLevel.National],
            driver.State.Levels.Select(l => l.Level));
        Assert.Equal(National, driver.State.ToView().CurrentCommittee);
    }

    // ---- decline

    [Fact]
    public void Decline_with_or_without_a_reason_is_recorded()
    {
        var withReason = Submitted();
        var without = Submitted();

        var a = withReason.Must(withReason.Act(County, ReportAction.Decline, "与本地无关"));
        var b = without.Must(without.Act(County, ReportAction.Decline));

        Assert.Equal("与本地无关", Assert.IsType<InfoReportDeclined>(a.Event).Reason);
        Assert.Null(Assert.IsType<InfoReportDeclined>(b.Event).Reason);
        Assert.Equal("report.declined.county", Assert.Single(a.Deltas).Counter);
        Assert.Equal("declined", withReason.State.Status);
        Assert.Equal("与本地无关", withReason.State.History[^1].Detail);
    }

    [Fact]
    public void Decline_after_adopt_is_a_conflict()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Adopt));

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Decline), RejectionKind.Conflict, $"committee {County}", "adopted", "can no longer be declined");
    }

    [Fact]
    public void Decline_after_forward_is_a_conflict()
    {
        var driver = At(City);

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Decline), RejectionKind.Conflict, $"committee {County}", "already been forwarded");
    }

    [Theory]
    [InlineData(ReportAction.Adopt)]
    [InlineData(ReportAction.Forward)]
    [InlineData(ReportAction.Decline)]
    [InlineData(ReportAction.Return)]
    public void A_declined_level_refuses_further_actions(ReportAction action)
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Decline, "不予采用"));

        RefusedAndUnchanged(driver, () => driver.Act(County, action, "原因"), RejectionKind.Conflict, $"committee {County}", "declined");
        Assert.Single(driver.State.Levels);
    }

    [Fact]
    public void A_decline_reason_must_be_valid_text()
    {
        var driver = Submitted();

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Decline, new string('理', 501)), RejectionKind.Invalid, "reason has 501 characters", "at most 500");
        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Decline, "原因\u0001"), RejectionKind.Invalid, "reason contains a control character");
    }

    [Fact]
    public void A_declined_city_level_leaves_the_county_adoption_standing()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Adopt));
        driver.Must(driver.Act(County, ReportAction.Forward));

        driver.Must(driver.Act(City, ReportAction.Decline));

        Assert.Equal("declined", driver.State.Status);
        Assert.True(driver.State.LevelAt(County)!.Adopted);
    }

    // ---- return and revise

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Return_requires_a_reason(string? reason)
    {
        var driver = Submitted();

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Return, reason), RejectionKind.Invalid, "reason is required", "what the author should revise");
    }

    [Fact]
    public void Return_waits_for_the_author()
    {
        var driver = Submitted();

        var decision = driver.Must(driver.Act(County, ReportAction.Return, "请补充数据来源"));

        var e = Assert.IsType<InfoReportReturned>(decision.Event);
        Assert.Equal("请补充数据来源", e.Reason);
        Assert.Equal("report.returned.county", Assert.Single(decision.Deltas).Counter);
        Assert.True(driver.State.LevelAt(County)!.AwaitingRevision);
        Assert.Equal("returned", driver.State.Status);
    }

    [Theory]
    [InlineData(ReportAction.Adopt)]
    [InlineData(ReportAction.Forward)]
    [InlineData(ReportAction.Decline)]
    [InlineData(ReportAction.Return)]
    public void A_returned_level_refuses_actions_until_the_lead_revises(ReportAction action)
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Return, "请补充数据来源"));

        RefusedAndUnchanged(driver, () => driver.Act(County, action, "原因"), RejectionKind.Conflict, $"committee {County}", "returned for revision", "waits for the author");

        driver.Must(driver.Revise(new(Lead, "修改后的标题", "修改后的正文")));
        driver.Must(driver.Act(County, action, "原因"));
    }

    [Fact]
    public void Return_after_adopt_is_a_conflict()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Adopt));

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Return, "请修改"), RejectionKind.Conflict, "adopted", "can no longer be returned");
    }

    [Fact]
    public void Return_after_forward_is_a_conflict()
    {
        var driver = At(City);

        RefusedAndUnchanged(driver, () => driver.Act(County, ReportAction.Return, "请修改"), RejectionKind.Conflict, $"committee {County}", "already been forwarded");
    }

    [Fact]
    public void Revise_replaces_the_text_and_goes_back_to_the_committee_that_returned_it()
    {
        var driver = At(City);
        driver.Must(driver.Act(City, ReportAction.Return, "请压缩篇幅"));

        var decision = driver.Must(driver.Revise(new(Lead, "修改后的标题", "修改后的正文")));

        var e = Assert.IsType<InfoReportRevised>(decision.Event);
        Assert.Equal(City, e.Committee);
        Assert.Equal(CommitteeLevel.City, e.Level);
        Assert.Empty(decision.Deltas);
        Assert.Null(decision.Subject);
        Assert.Equal("修改后的标题", driver.State.Title);
        Assert.Equal("修改后的正文", driver.State.Body);
        Assert.False(driver.State.LevelAt(City)!.AwaitingRevision);
        Assert.Equal("pending", driver.State.Status);

        driver.Must(driver.Act(City, ReportAction.Adopt));
    }

    [Theory]
    [InlineData(CoAuthor)]
    [InlineData(Third)]
    [InlineData("someone")]
    public void Only_the_lead_may_revise(string who)
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Return, "请修改"));

        RefusedAndUnchanged(driver, () => driver.Revise(new(who, "标题", "正文")), RejectionKind.Forbidden, $"only the lead author ({Lead})", "report R1");
        Assert.True(driver.State.LevelAt(County)!.AwaitingRevision);
    }

    [Fact]
    public void Revising_a_report_that_was_not_returned_is_a_conflict()
    {
        var driver = Submitted();

        RefusedAndUnchanged(driver, () => driver.Revise(new(Lead, "标题", "正文")), RejectionKind.Conflict, "report R1", "has not been returned");
    }

    [Fact]
    public void Revising_twice_is_a_conflict()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Return, "请修改"));
        driver.Must(driver.Revise(new(Lead, "标题二", "正文二")));

        RefusedAndUnchanged(driver, () => driver.Revise(new(Lead, "标题三", "正文三")), RejectionKind.Conflict, "has not been returned");
    }

    [Fact]
    public void A_revision_must_be_valid_text()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Return, "请修改"));

        RefusedAndUnchanged(driver, () => driver.Revise(new(Lead, "", "正文")), RejectionKind.Invalid, "title is required");
        RefusedAndUnchanged(driver, () => driver.Revise(new(Lead, "标题", new string('字', 1501))), RejectionKind.Invalid, "body has 1501 characters");
        Assert.True(driver.State.LevelAt(County)!.AwaitingRevision);
    }

    [Fact]
    public void An_unknown_action_is_invalid()
    {
        var driver = Submitted();

        RefusedAndUnchanged(driver, () => driver.Act(County, (ReportAction)99), RejectionKind.Invalid, "unknown action");
    }

    // ---- history and inbox

    [Fact]
    public void History_records_every_step_in_order()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Return, "请修改"));
        driver.Must(driver.Revise(new(Lead, "标题二", "正文二")));
        driver.Must(driver.Act(County, ReportAction.Adopt));
        driver.Must(driver.Act(County, ReportAction.Forward));
        driver.Must(driver.Act(City, ReportAction.Decline, "不予采用"));

        Assert.Equal(
            ["report.submitted", "report.returned", "report.revised", "report.adopted", "report.forwarded", "report.declined"],
            driver.State.History.Select(h => h.Event));
        Assert.Equal([1L, 2, 3, 4, 5, 6], driver.State.History.Select(h => h.Version));
        Assert.Equal([County, County, County, County, County, City], driver.State.History.Select(h => h.Committee));
        Assert.Equal($"to {City}", driver.State.History[4].Detail);
    }

    [Fact]
    public void Each_reached_committee_gets_an_inbox_item()
    {
        var driver = At(City);
        driver.Must(driver.Act(County, ReportAction.Adopt));

        var county = driver.State.ToInboxItem(County)!;
        var city = driver.State.ToInboxItem(City)!;

        Assert.Null(driver.State.ToInboxItem(Province));
        Assert.True(county.Adopted);
        Assert.True(county.Forwarded);
        Assert.Equal(County, city.FromCommittee);
        Assert.Equal("pending", city.Status);
        Assert.Equal(driver.State.Version, city.Version);
    }

    [Fact]
    public void Apply_refuses_an_entry_out_of_order()
    {
        var driver = Submitted();
        var next = driver.Entries[0] with { Version = 3 };

        Assert.Throws<InvalidOperationException>(() => driver.State.Replay(next));
        Assert.Equal(1, driver.State.Version);
    }
}
