using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Reports;
using static CommitteeGrid.Domain.Tests.Reports.ReportDriver;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Reports;

/// <summary>Leader endorsements (领导批示): what they need, when they may be dated, and how they count.</summary>
public sealed class InfoReportEndorseTests
{
    /// <summary>2026-03-02 in China: the day the driver submits.</summary>
    private static readonly DateOnly SubmitDay = new(2026, 3, 2);

    private static ReportDriver Submitted()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit());
        return driver;
    }

    private static void Refused(ReportDriver driver, Decision decision, RejectionKind kind, params string[] fragments)
    {
        Refusal.Assert(decision, kind, fragments);
        Assert.Equal(driver.Entries.Count, driver.State.Version);
    }

    [Fact]
    public void An_endorsement_is_recorded_with_leader_date_and_note()
    {
        var driver = Submitted();

        var decision = driver.Must(driver.Endorse(County, "区政协主席", SubmitDay, "请有关部门研究"));

        var e = Assert.IsType<InfoReportEndorsed>(decision.Event);
        Assert.Equal(CommitteeLevel.County, e.Level);
        Assert.Equal("区政协主席", e.LeaderTitle);
        Assert.Equal(SubmitDay, e.Date);
        Assert.Null(decision.Subject);
        Assert.Equal("report.endorsed.county", Assert.Single(decision.Deltas).Counter);
        var endorsement = Assert.Single(driver.State.LevelAt(County)!.Endorsements);
        Assert.Equal(new EndorsementView("区政协主席", SubmitDay, "请有关部门研究"), endorsement);
        Assert.Equal("区政协主席 2026-03-02: 请有关部门研究", driver.State.History[^1].Detail);
        // An endorsement does not move the report.
        Assert.Equal("pending", driver.State.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Needs_a_leader_title(string? leaderTitle)
    {
        var driver = Submitted();

        Refused(driver, driver.Act(Action(County, ReportAction.Endorse, leaderTitle: leaderTitle, date: SubmitDay)), RejectionKind.Invalid, "leaderTitle is required");
    }

    [Fact]
    public void The_leader_title_is_one_short_line()
    {
        var driver = Submitted();

        Refused(driver, driver.Endorse(County, new string('长', 51), SubmitDay), RejectionKind.Invalid, "leaderTitle has 51 characters", "at most 50");
        Refused(driver, driver.Endorse(County, "主席\n副主席", SubmitDay), RejectionKind.Invalid, "leaderTitle contains a control character");
        driver.Must(driver.Endorse(County, new string('长', 50), SubmitDay));
    }

    [Fact]
    public void The_note_is_optional_but_limited()
    {
        var driver = Submitted();

        Refused(driver, driver.Endorse(County, "主席", SubmitDay, new string('批', 501)), RejectionKind.Invalid, "note has 501 characters");
        driver.Must(driver.Endorse(County, "主席", SubmitDay, "第一行\n第二行"));
        driver.Must(driver.Endorse(County, "副主席", SubmitDay));
    }

    [Fact]
    public void Needs_a_date()
    {
        var driver = Submitted();

        Refused(driver, driver.Act(Action(County, ReportAction.Endorse, leaderTitle: "主席")), RejectionKind.Invalid, "date of the endorsement is required");
    }

    [Fact]
    public void A_date_in_the_future_is_invalid()
    {
        var driver = Submitted();

        Refused(driver, driver.Endorse(County, "主席", SubmitDay.AddDays(1)), RejectionKind.Invalid, "2026-03-03", "in the future");
        driver.Must(driver.Endorse(County, "主席", SubmitDay));
    }

    [Fact]
    public void Today_is_today_in_China()
    {
        var driver = Submitted();
        // 2026-03-02T17:30Z is already 2026-03-03 01:30 in China.
        driver.Now = new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero);

        driver.Must(driver.Endorse(County, "主席", new DateOnly(2026, 3, 3)));
        Refused(driver, driver.Endorse(County, "主席", new DateOnly(2026, 3, 4)), RejectionKind.Invalid, "in the future");
    }

    [Fact]
    public void A_date_before_the_report_reached_the_level_is_invalid()
    {
        var driver = Submitted();
        driver.Now = new DateTimeOffset(2026, 4, 10, 1, 0, 0, TimeSpan.Zero);
        driver.Must(driver.Act(County, ReportAction.Forward));
        driver.Now = new DateTimeOffset(2026, 5, 1, 1, 0, 0, TimeSpan.Zero);

        Refused(driver, driver.Endorse(City, "市政协主席", new DateOnly(2026, 4, 9)), RejectionKind.Invalid, "2026-04-09", "before the report reached", $"committee {City}", "2026-04-10");
        Refused(driver, driver.Endorse(County, "区政协主席", SubmitDay.AddDays(-1)), RejectionKind.Invalid, "before the report reached", $"committee {County}");

        // The county level has had it since the submit day; the city since the forward.
        driver.Must(driver.Endorse(County, "区政协主席", SubmitDay));
        driver.Must(driver.Endorse(City, "市政协主席", new DateOnly(2026, 4, 10)));
    }

    [Fact]
    public void The_day_it_reached_is_counted_in_China_time()
    {
        var driver = new ReportDriver(Build())
        {
            // 2026-03-01T20:00Z is 2026-03-02 04:00 in China: the report reached the county on 3-02.
            Now = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero),
        };
        driver.Must(driver.Submit());
        driver.Now = new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero);

        Refused(driver, driver.Endorse(County, "主席", new DateOnly(2026, 3, 1)), RejectionKind.Invalid, "before the report reached");
        driver.Must(driver.Endorse(County, "主席", new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void The_same_leader_on_the_same_date_twice_is_a_conflict()
    {
        var driver = Submitted();
        driver.Must(driver.Endorse(County, "区政协主席", SubmitDay));

        Refused(driver, driver.Endorse(County, "区政协主席", SubmitDay, "另一条"), RejectionKind.Conflict, "区政协主席", "2026-03-02", "already recorded");
        Assert.Single(driver.State.LevelAt(County)!.Endorsements);
    }

    [Fact]
    public void A_second_leader_at_one_level_is_recorded_but_counted_once()
    {
        var driver = Submitted();
        driver.Now = new DateTimeOffset(2026, 3, 9, 2, 0, 0, TimeSpan.Zero);

        var first = driver.Must(driver.Endorse(County, "区政协主席", SubmitDay));
        var second = driver.Must(driver.Endorse(County, "区委书记", SubmitDay));
        var again = driver.Must(driver.Endorse(County, "区政协主席", SubmitDay.AddDays(3)));

        Assert.Equal("report.endorsed.county", Assert.Single(first.Deltas).Counter);
        Assert.Empty(second.Deltas);
        Assert.Empty(again.Deltas);
        Assert.Equal(3, driver.State.LevelAt(County)!.Endorsements.Count);
        Assert.Equal(3, driver.State.ToInboxItem(County)!.Endorsements);

        var counts = driver.State.CreditTo(Lead)!.Counts;
        Assert.Equal(1, counts[new(2026, "report.endorsed.county")]);
    }

    [Fact]
    public void Each_level_counts_its_own_endorsement()
    {
        var driver = Submitted();
        driver.Must(driver.Endorse(County, "区政协主席", SubmitDay));
        driver.Must(driver.Act(County, ReportAction.Forward));

        var city = driver.Must(driver.Endorse(City, "市政协主席", SubmitDay));

        Assert.Equal("report.endorsed.city", Assert.Single(city.Deltas).Counter);
    }
}
