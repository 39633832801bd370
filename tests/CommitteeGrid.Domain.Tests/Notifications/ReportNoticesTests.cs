using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Domain.Tests.Reports;
using static CommitteeGrid.Domain.Tests.Reports.ReportDriver;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Who hears of each step of a report: the authors of decisions, a committee office of what enters its inbox.</summary>
public sealed class ReportNoticesTests
{
    private static DomainEvent Last(ReportDriver driver) =>
        ReportNotices.For(driver.State, driver.Entries[^1], InfoReportJson.Deserialize(driver.Entries[^1].Payload));

    private static ReportDriver Submitted()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit(Report(coAuthors: [CoAuthor, Third])));
        return driver;
    }

    [Fact]
    public void Submission_tells_the_receiving_committee_office_only()
    {
        var driver = Submitted();
        var e = Last(driver);
        Assert.Equal(EventKinds.ReportSubmitted, e.Kind);
        Assert.Equal([County], e.Recipients);
        Assert.Equal("report/R1:1", e.EventId);
        Assert.Equal("R1", e.SubjectId);
        Assert.Equal("关于加强农村养老服务的建议", e.Title);
        Assert.Equal(County, e.Committee);
        Assert.Equal(CommitteeLevel.County, e.Level);
        Assert.Equal(driver.Entries[^1].OccurredAt, e.OccurredAt);
    }

    [Fact]
    public void Decisions_tell_the_lead_and_every_co_author()
    {
        string[] authors = [Lead, CoAuthor, Third];

        var adopted = Submitted();
        adopted.Must(adopted.Act(County, ReportAction.Adopt));
        Assert.Equal(Expect(EventKinds.ReportAdopted, authors, null), Shape(Last(adopted)));

        adopted.Must(adopted.Endorse(County, "区政协主席", new DateOnly(2026, 3, 2), "请卫健局研究"));
        Assert.Equal(Expect(EventKinds.ReportEndorsed, authors, "区政协主席 2026-03-02: 请卫健局研究"), Shape(Last(adopted)));

        var declined = Submitted();
        declined.Must(declined.Act(County, ReportAction.Decline, "已有同类信息"));
        Assert.Equal(Expect(EventKinds.ReportDeclined, authors, "已有同类信息"), Shape(Last(declined)));

        var returned = Submitted();
        returned.Must(returned.Act(County, ReportAction.Return, "请补充数据来源"));
        Assert.Equal(Expect(EventKinds.ReportReturned, authors, "请补充数据来源"), Shape(Last(returned)));
    }

    [Fact]
    public void Forwarding_tells_the_authors_and_the_office_it_goes_to()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Forward));
        var e = Last(driver);
        Assert.Equal(Expect(EventKinds.ReportForwarded, [Lead, CoAuthor, Third, City], City), Shape(e));
        Assert.Equal(County, e.Committee);
        Assert.Equal("report/R1:2", e.EventId);

        driver.Must(driver.Act(City, ReportAction.Forward));
        Assert.Equal([Lead, CoAuthor, Third, Province], Last(driver).Recipients);
        Assert.Equal(CommitteeLevel.City, Last(driver).Level);
    }

    [Fact]
    public void A_revision_tells_the_office_that_returned_it()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Forward));
        driver.Must(driver.Act(City, ReportAction.Return, "请补充数据"));
        driver.Must(driver.Revise(new ReviseInfoReport(Lead, "修改稿", "补充了数据。")));
        var e = Last(driver);
        Assert.Equal(Expect(EventKinds.ReportRevised, [City], null), Shape(e));
        Assert.Equal("修改稿", e.Title);
    }

    [Fact]
    public void A_report_without_co_authors_tells_the_lead_alone()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit());
        driver.Must(driver.Act(County, ReportAction.Adopt));
        Assert.Equal([Lead], Last(driver).Recipients);
    }

    [Fact]
    public void Every_kind_a_report_produces_is_a_known_event_kind()
    {
        var driver = Submitted();
        driver.Must(driver.Act(County, ReportAction.Return, "请补充"));
        driver.Must(driver.Revise(new ReviseInfoReport(Lead, "修改稿", "补充。")));
        driver.Must(driver.Act(County, ReportAction.Adopt));
        driver.Must(driver.Endorse(County, "区政协主席", new DateOnly(2026, 3, 2)));
        driver.Must(driver.Act(County, ReportAction.Forward));
        driver.Must(driver.Act(City, ReportAction.Decline));
        var kinds = driver.Entries.Select(e => ReportNotices.For(driver.State, e, InfoReportJson.Deserialize(e.Payload)).Kind).ToList();
        Assert.All(kinds, k => Assert.Contains(k, EventKinds.All));
        Assert.Equal(7, kinds.Distinct().Count());
    }

    /// <summary>Kind, recipients (comma-joined, in order) and detail, compared as one value.</summary>
    private static (string Kind, string Recipients, string? Detail) Shape(DomainEvent e) => (e.Kind, string.Join(",", e.Recipients), e.Detail);

    private static (string, string, string?) Expect(string kind, string[] recipients, string? detail) => (kind, string.Join(",", recipients), detail);
}
