using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Tallies;
using static CommitteeGrid.Domain.Tests.Reports.ReportDriver;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Reports;

/// <summary>Piece-times (篇次): every step counts once in its own column, credited to the lead author only.</summary>
public sealed class InfoReportCountingTests
{
    /// <summary>All deltas recorded in the ledger, summed per (year, counter).</summary>
    private static Dictionary<TallyKey, long> Sum(IEnumerable<TallyDelta> deltas) =>
        deltas.GroupBy(d => new TallyKey(d.Year, d.Counter)).ToDictionary(g => g.Key, g => g.Sum(d => d.Delta));

    private static ReportDriver TheStoryOfOneReport()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit(Report(coAuthors: [CoAuthor, Third])));
        driver.Must(driver.Act(County, ReportAction.Adopt));
        driver.Must(driver.Act(County, ReportAction.Forward));
        driver.Must(driver.Act(City, ReportAction.Adopt));
        driver.Must(driver.Endorse(City, "市政协主席", new DateOnly(2026, 3, 2)));
        driver.Must(driver.Endorse(City, "市委书记", new DateOnly(2026, 3, 2)));
        driver.Must(driver.Act(City, ReportAction.Forward));
        driver.Must(driver.Act(Province, ReportAction.Forward));
        return driver;
    }

    [Fact]
    public void One_report_counts_what_a_person_would_write_down()
    {
        var driver = TheStoryOfOneReport();

        var expected = new Dictionary<TallyKey, long>
        {
            [new(2026, "report.submitted")] = 1,
            [new(2026, "report.adopted.county")] = 1,
            [new(2026, "report.forwarded.city")] = 1,
            [new(2026, "report.adopted.city")] = 1,
            [new(2026, "report.endorsed.city")] = 1,
            [new(2026, "report.forwarded.province")] = 1,
            [new(2026, "report.forwarded.national")] = 1,
        };
        var ledger = Sum(driver.Entries.SelectMany(e => e.Deltas));
        Assert.Equal(expected.OrderBy(p => p.Key.Counter), ledger.OrderBy(p => p.Key.Counter));
        Assert.Equal(expected.OrderBy(p => p.Key.Counter), driver.State.CreditTo(Lead)!.Counts.OrderBy(p => p.Key.Counter));
    }

    [Fact]
    public void Every_counter_used_is_a_documented_report_counter()
    {
        var driver = TheStoryOfOneReport();

        Assert.All(driver.Entries.SelectMany(e => e.Deltas), d => Assert.Contains(d.Counter, Counters.AllReportCounters));
    }

    [Fact]
    public void Only_the_lead_author_is_credited_with_the_leads_path()
    {
        var driver = TheStoryOfOneReport();

        var deltas = driver.Entries.SelectMany(e => e.Deltas).ToList();
        Assert.All(deltas, d =>
        {
            Assert.Equal(Lead, d.Member);
            Assert.Equal(LeadPath, d.Path);
            Assert.Equal(1, d.Delta);
        });
        Assert.Equal(LeadPath, driver.Network.Get(Lead).Path);
        Assert.Null(driver.State.CreditTo(CoAuthor));
        Assert.Null(driver.State.CreditTo(Third));
        Assert.Single(driver.State.Credits());
    }

    [Fact]
    public void The_credit_version_is_the_last_entry_that_credited_the_member()
    {
        var driver = TheStoryOfOneReport();

        // Entry 6 (the second endorsement) credits nothing; the last credit is the final forward.
        Assert.Equal(8, driver.State.Version);
        Assert.Empty(driver.Entries[5].Deltas);
        Assert.Equal(8, driver.State.CreditTo(Lead)!.Version);

        driver.Must(driver.Endorse(Province, "省政协主席", new DateOnly(2026, 3, 2)));
        driver.Must(driver.Endorse(Province, "省长", new DateOnly(2026, 3, 2)));
        Assert.Equal(10, driver.State.Version);
        Assert.Equal(9, driver.State.CreditTo(Lead)!.Version);
    }

    [Fact]
    public void Declines_and_returns_count_in_their_own_columns()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit());
        driver.Must(driver.Act(County, ReportAction.Return, "请修改"));
        driver.Must(driver.Revise(new(Lead, "标题二", "正文二")));
        driver.Must(driver.Act(County, ReportAction.Forward));
        driver.Must(driver.Act(City, ReportAction.Decline));

        var counts = driver.State.CreditTo(Lead)!.Counts;
        Assert.Equal(
            ["report.declined.city", "report.forwarded.city", "report.returned.county", "report.submitted"],
            counts.Keys.Select(k => k.Counter).Order(StringComparer.Ordinal));
        Assert.All(counts.Values, v => Assert.Equal(1, v));
    }

    [Fact]
    public void The_year_is_the_China_time_year_of_the_event()
    {
        var driver = new ReportDriver(Build())
        {
            // 2026-12-31 23:00 in China.
            Now = new DateTimeOffset(2026, 12, 31, 15, 0, 0, TimeSpan.Zero),
        };
        driver.Must(driver.Submit());

        // 2027-01-01 01:00 in China, though still 2026 in UTC.
        driver.Now = new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero);
        var adopted = driver.Must(driver.Act(County, ReportAction.Adopt));

        Assert.Equal(2026, Assert.Single(driver.Entries[0].Deltas).Year);
        Assert.Equal(2027, Assert.Single(adopted.Deltas).Year);
        var counts = driver.State.CreditTo(Lead)!.Counts;
        Assert.Equal(1, counts[new(2026, "report.submitted")]);
        Assert.Equal(1, counts[new(2027, "report.adopted.county")]);
    }

    [Fact]
    public void An_event_with_a_non_UTC_offset_counts_in_its_China_year()
    {
        var driver = new ReportDriver(Build())
        {
            // 2026-12-31 12:00 in New York is 2027-01-01 01:00 in China.
            Now = new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.FromHours(-5)),
        };

        var submitted = driver.Must(driver.Submit());

        Assert.Equal(2027, Assert.Single(submitted.Deltas).Year);
    }

    [Fact]
    public void A_revision_counts_nothing()
    {
        var driver = new ReportDriver(Build());
        driver.Must(driver.Submit());
        driver.Must(driver.Act(County, ReportAction.Return, "请修改"));

        var revised = driver.Must(driver.Revise(new(Lead, "标题二", "正文二")));

        Assert.Empty(revised.Deltas);
        Assert.Equal(2, driver.State.CreditTo(Lead)!.Version);
    }

    [Fact]
    public void Credits_feed_a_rollup_that_matches_the_ledger()
    {
        // Two reports by the same lead: the member's rollup holds one child per report stream.
        var first = TheStoryOfOneReport();
        var second = new ReportDriver(Build(), "R2");
        second.Must(second.Submit());
        second.Must(second.Act(County, ReportAction.Adopt));

        var rollup = new RollupState();
        Assert.True(rollup.Apply(first.State.CreditTo(Lead)!));
        Assert.True(rollup.Apply(second.State.CreditTo(Lead)!));

        var ledger = Sum(first.Entries.Concat(second.Entries).SelectMany(e => e.Deltas));
        Assert.Empty(TallyComparison.Compare(Lead, rollup.ForYear(Lead, 2026).Counters, RollupState.CountersOf(ledger, 2026)));
        Assert.Equal(2, rollup.Total[new(2026, "report.submitted")]);
        Assert.Equal(2, rollup.Total[new(2026, "report.adopted.county")]);
    }
}
