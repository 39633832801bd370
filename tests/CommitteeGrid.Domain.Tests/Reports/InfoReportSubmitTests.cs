using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Reports;
using static CommitteeGrid.Domain.Tests.Reports.ReportDriver;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Reports;

/// <summary>Submitting a report: who may, what text is accepted, and where it lands.</summary>
public sealed class InfoReportSubmitTests
{
    private static Decision Try(Func<ReportDriver, Decision> act, int extraMembers = 0)
    {
        var driver = new ReportDriver(Build(extraMembers));
        var decision = act(driver);
        if (decision.Rejection is not null)
        {
            // A refused command changes nothing.
            Assert.False(driver.State.Exists);
            Assert.Equal(0, driver.State.Version);
        }

        return decision;
    }

    [Fact]
    public void A_county_member_submits_into_the_county_committee()
    {
        var driver = new ReportDriver(Build());

        var decision = driver.Must(driver.Submit(Report(coAuthors: [CoAuthor, Third])));

        var e = Assert.IsType<InfoReportSubmitted>(decision.Event);
        Assert.Equal(Lead, e.Lead);
        Assert.Equal([CoAuthor, Third], e.CoAuthors);
        Assert.Equal(County, e.Committee);
        Assert.Equal(CommitteeLevel.County, e.Level);
        Assert.Equal(County, decision.Subject);

        var state = driver.State;
        Assert.True(state.Exists);
        Assert.Equal(1, state.Version);
        Assert.Equal("pending", state.Status);
        var level = Assert.Single(state.Levels);
        Assert.Equal(County, level.Committee);
        Assert.Equal(County, level.FromCommittee);
        Assert.Equal(driver.Now, level.ReceivedAt);
        Assert.Equal(driver.Now, state.SubmittedAt);
        Assert.Equal(County, state.ToView().CurrentCommittee);
    }

    [Fact]
    public void A_city_level_member_submits_into_the_city_committee()
    {
        var driver = new ReportDriver(Build());

        var decision = driver.Must(driver.Submit(Report(lead: CityMember)));

        Assert.Equal(City, decision.Subject);
        Assert.Equal(CommitteeLevel.City, decision.Event!.Level);
        Assert.Equal(City, Assert.Single(driver.State.Levels).Committee);
    }

    [Fact]
    public void Text_is_stored_exactly_as_sent()
    {
        var driver = new ReportDriver(Build());
        const string body = "  第一段。\n\t第二段：𠀀𠀁 😀\r\n";

        driver.Must(driver.Submit(Report(title: " 标题 ", body: body)));

        Assert.Equal(" 标题 ", driver.State.Title);
        Assert.Equal(body, driver.State.Body);
    }

    [Theory]
    [InlineData("420607-M9999")]
    [InlineData(Group)]
    [InlineData(County)]
    [InlineData("")]
    public void Refuses_a_lead_who_is_not_a_member(string lead)
    {
        var decision = Try(d => d.Submit(Report(lead: lead)));

        Refusal.Assert(decision, RejectionKind.Invalid, "lead author", $"'{lead}'", "not a member");
    }

    [Theory]
    [InlineData("420607-M9999")]
    [InlineData(Group)]
    [InlineData(City)]
    public void Refuses_a_co_author_who_is_not_a_member(string coAuthor)
    {
        var decision = Try(d => d.Submit(Report(coAuthors: [CoAuthor, coAuthor])));

        Refusal.Assert(decision, RejectionKind.Invalid, "co-author", $"'{coAuthor}'", "not a member");
    }

    [Fact]
    public void Refuses_the_lead_as_a_co_author()
    {
        var decision = Try(d => d.Submit(Report(coAuthors: [CoAuthor, Lead])));

        Refusal.Assert(decision, RejectionKind.Invalid, "lead author cannot also be a co-author");
    }

    [Fact]
    public void Refuses_a_co_author_named_twice()
    {
        var decision = Try(d => d.Submit(Report(coAuthors: [CoAuthor, Third, CoAuthor])));

        Refusal.Assert(decision, RejectionKind.Invalid, "co-author is named twice");
    }

    [Fact]
    public void Accepts_twenty_co_authors_and_refuses_twenty_one()
    {
        // Real members, so the only thing wrong with 21 is the count.
        var twenty = Enumerable.Range(1, 20).Select(Extra).ToList();
        var twentyOne = Enumerable.Range(1, 21).Select(Extra).ToList();

        var ok = Try(d => d.Submit(Report(coAuthors: twenty)), extraMembers: 21);
        var refused = Try(d => d.Submit(Report(coAuthors: twentyOne)), extraMembers: 21);

        Assert.Null(ok.Rejection);
        Assert.Equal(20, Assert.IsType<InfoReportSubmitted>(ok.Event).CoAuthors.Count);
        Refusal.Assert(refused, RejectionKind.Invalid, "at most 20 co-authors", "21 were given");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Refuses_an_empty_title(string title)
    {
        Refusal.Assert(Try(d => d.Submit(Report(title: title))), RejectionKind.Invalid, "title is required");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Refuses_an_empty_body(string body)
    {
        Refusal.Assert(Try(d => d.Submit(Report(body: body))), RejectionKind.Invalid, "body is required");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("政")]
    [InlineData("𠀀")] // U+20000: one character, two UTF-16 code units
    [InlineData("😀")]
    public void Title_length_is_counted_in_characters(string unit)
    {
        var hundred = string.Concat(Enumerable.Repeat(unit, 100));

        Assert.Null(Try(d => d.Submit(Report(title: hundred))).Rejection);
        Refusal.Assert(Try(d => d.Submit(Report(title: hundred + unit))), RejectionKind.Invalid, "title has 101 characters", "at most 100");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("民")]
    [InlineData("𠀀")]
    [InlineData("😀")]
    public void Body_length_is_counted_in_characters(string unit)
    {
        var full = string.Concat(Enumerable.Repeat(unit, 1500));

        Assert.Null(Try(d => d.Submit(Report(body: full))).Rejection);
        Refusal.Assert(Try(d => d.Submit(Report(body: full + unit))), RejectionKind.Invalid, "body has 1501 characters", "at most 1500");
    }

    [Fact]
    public void A_mixed_body_of_exactly_1500_characters_is_accepted()
    {
        // 500 ASCII + 500 CJK + 500 astral = 1500 characters but 2000 UTF-16 code units.
        var body = new string('a', 500) + new string('民', 500) + string.Concat(Enumerable.Repeat("𠀀", 500));
        Assert.Equal(2000, body.Length);

        Assert.Null(Try(d => d.Submit(Report(body: body))).Rejection);
    }

    [Theory]
    [InlineData("标题\n第二行", "U+000A")]
    [InlineData("标题\t", "U+0009")]
    [InlineData("标\u0000题", "U+0000")]
    [InlineData("标\u001B题", "U+001B")]
    public void Refuses_control_characters_in_the_title(string title, string named)
    {
        Refusal.Assert(Try(d => d.Submit(Report(title: title))), RejectionKind.Invalid, "title contains a control character", named, "single line");
    }

    [Theory]
    [InlineData("正文\u0007", "U+0007")]
    [InlineData("正文\u007F", "U+007F")]
    [InlineData("正文\u0085", "U+0085")]
    public void Refuses_control_characters_other_than_line_breaks_and_tabs_in_the_body(string body, string named)
    {
        Refusal.Assert(Try(d => d.Submit(Report(body: body))), RejectionKind.Invalid, "body contains a control character", named);
    }

    [Fact]
    public void Refuses_a_lone_surrogate()
    {
        Refusal.Assert(Try(d => d.Submit(Report(title: "标题\uD840"))), RejectionKind.Invalid, "title is not valid Unicode text");
    }

    [Fact]
    public void A_second_submit_is_a_conflict_and_changes_nothing()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit());

        var again = driver.Submit(Report(lead: CoAuthor, title: "另一个标题"));

        Refusal.Assert(again, RejectionKind.Conflict, "report R1", "already been submitted");
        Assert.Equal(1, driver.State.Version);
        Assert.Equal(Lead, driver.State.Lead);
        Assert.Single(driver.Entries);
    }

    [Fact]
    public void Null_co_authors_mean_none()
    {
        var driver = new ReportDriver(Build());

        driver.Must(driver.Submit(new(Lead, null!, "标题", "正文")));

        Assert.Empty(driver.State.CoAuthors);
    }
}
