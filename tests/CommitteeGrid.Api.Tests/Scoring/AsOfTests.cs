using System.Globalization;
using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Scoring;
using static CommitteeGrid.Api.Tests.Infrastructure.DemoHostFixture;

namespace CommitteeGrid.Api.Tests.Scoring;

/// <summary>
/// Figures as they stood on past dates: reports are submitted and acted on across last year (the
/// host's clock moved forward between steps) and today; for several dates the scores, rankings and
/// trend the API gives equal the test's own recount of the reports' histories up to that date, and
/// the live figures equal the figures as of today.
/// </summary>
[Collection(AsOfCollection.Name)]
public sealed class AsOfTests(TimeTravelHostFixture host)
{
    private const string Guchang = "420625";
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly int Past = TimeTravelHostFixture.PastYear;

    private ApiClient Api => host.Api;

    [Fact]
    public async Task Scores_and_rankings_as_of_past_dates_equal_a_recount_of_the_ledger_to_that_date()
    {
        var (tree, recount) = await Scenario();
        var rules = DefaultRules();
        DateOnly[] dates =
        [
            new(Past, 3, 9), new(Past, 3, 10), new(Past, 6, 14), new(Past, 6, 15), new(Past, 9, 20), new(Past, 12, 30), new(Past, 12, 31),
        ];

        foreach (var date in dates)
        {
            var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var before = LedgerRecount.EndOf(date);

            // The city ranks its children (two counties, two city-level groups) under the rules in force: the default for last year.
            var ranking = await Ok($"api/units/{Xiangyang}/ranking?year={Past}&asOf={day}");
            Assert.Equal(day, ranking["asOf"]!.GetValue<string>());
            Assert.False(ranking["live"]!.GetValue<bool>());
            Assert.True(ranking["rules"]!["isDefault"]!.GetValue<bool>());
            var expected = tree.Children(Xiangyang)
                .Select(code => (Code: code, Score: ScoreCalculator.ForUnit(rules, recount.Of(code, Past, before)).Total))
                .OrderByDescending(r => r.Score).ThenBy(r => r.Code, StringComparer.Ordinal)
                .ToList();
            var rows = ranking["rows"]!.AsArray();
            Assert.Equal(expected.Select(e => (e.Code, e.Score)), rows.Select(r => (r!["code"]!.GetValue<string>(), r["score"]!.GetValue<decimal>())));
            foreach (var row in rows)
            {
                var code = row!["code"]!.GetValue<string>();
                Assert.Equal(Json.Only(recount.Of(code, Past, before), rules.CountersRead(forUnits: true)), Json.Counters(row["counters"]));
            }

            // A county's score explained, and a member's, from the same recount.
            foreach (var unit in new[] { Xiangzhou, Guchang, tree.FirstMemberOf(Xiangzhou) })
            {
                var score = await Ok($"api/units/{unit}/score?year={Past}&asOf={day}");
                var counts = recount.Of(unit, Past, before);
                Assert.Equal(counts, Json.Counters(score["counters"]));
                var byHand = tree.IsMember(unit) ? ScoreCalculator.ForMember(rules, counts) : ScoreCalculator.ForUnit(rules, counts);
                Assert.Equal(byHand.Total, score["total"]!.GetValue<decimal>());
            }

            // Every member of the county, those with nothing counted included.
            var members = (await Ok($"api/units/{Xiangzhou}/ranking?of=members&year={Past}&asOf={day}"))["rows"]!.AsArray();
            Assert.Equal(tree.OwnMembers(Xiangzhou).Count, members.Count);
            foreach (var row in members)
            {
                var code = row!["code"]!.GetValue<string>();
                Assert.Equal(Json.Only(recount.Of(code, Past, before), rules.CountersRead(forUnits: false)), Json.Counters(row["counters"]));
            }
        }
    }

    [Fact]
    public async Task Live_figures_equal_the_figures_as_of_the_last_day_and_as_of_today()
    {
        var (tree, recount) = await Scenario();

        // Last year, live (from the rollups) and as of 31 December (from the ledger): the same rows.
        var live = await Ok($"api/units/{Xiangyang}/ranking?year={Past}");
        var yearEnd = await Ok($"api/units/{Xiangyang}/ranking?year={Past}&asOf={Past}-12-31");
        Assert.True(live["live"]!.GetValue<bool>());
        Assert.Equal(live["rows"]!.ToJsonString(), yearEnd["rows"]!.ToJsonString());
        var endOfYear = LedgerRecount.EndOf(new DateOnly(Past, 12, 31));
        foreach (var unit in tree.Children(Xiangyang).Append(Xiangyang))
        {
            Assert.Equal(recount.Of(unit, Past, endOfYear), Json.Counters((await Ok($"api/units/{unit}/tally?year={Past}"))["counters"]));
        }

        // This year: as of today is live, and it is what the ledger holds up to now.
        var today = China.Now;
        var asOfToday = await Ok($"api/units/{Xiangzhou}/score?asOf={China.Today}");
        Assert.True(asOfToday["live"]!.GetValue<bool>());
        Assert.Equal(recount.Of(Xiangzhou, today.Year, LedgerRecount.EndOf(DateOnly.FromDateTime(today.DateTime))), Json.Counters(asOfToday["counters"]));
        Assert.NotEmpty(Json.Counters(asOfToday["counters"]));
        Assert.Equal((await Ok($"api/units/{Xiangzhou}/score")).ToJsonString(), asOfToday.ToJsonString());

        // As of yesterday (when it is still this year), today's steps are not counted yet.
        var yesterday = DateOnly.FromDateTime(today.DateTime).AddDays(-1);
        if (yesterday.Year == today.Year)
        {
            var before = await Ok($"api/units/{Xiangzhou}/score?asOf={yesterday:yyyy-MM-dd}");
            Assert.False(before["live"]!.GetValue<bool>());
            Assert.Equal(recount.Of(Xiangzhou, today.Year, LedgerRecount.EndOf(yesterday)), Json.Counters(before["counters"]));
        }
    }

    [Fact]
    public async Task The_monthly_trend_counts_each_month_from_the_ledger()
    {
        var (_, recount) = await Scenario();

        var trend = await Ok($"api/units/{Xiangyang}/trend?year={Past}");

        var months = trend["months"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 12), months.Select(m => m!["month"]!.GetValue<int>()));
        foreach (var month in months)
        {
            var counters = month!["counters"]!.AsObject();
            var expected = recount.InMonth(Xiangyang, Past, month["month"]!.GetValue<int>());
            Assert.Equal(expected, Json.Counters(counters).Where(c => !c.Key.EndsWith(".*", StringComparison.Ordinal)).ToDictionary());
            Assert.Equal(expected.Where(c => c.Key.StartsWith("report.adopted.", StringComparison.Ordinal)).Sum(c => c.Value), counters["report.adopted.*"]!.GetValue<long>());
            Assert.Equal(expected.Where(c => c.Key.StartsWith("report.forwarded.", StringComparison.Ordinal)).Sum(c => c.Value), counters["report.forwarded.*"]!.GetValue<long>());
        }

        Assert.True(months.Sum(m => m!["counters"]!["report.submitted"]!.GetValue<long>()) >= 5);
    }

    [Theory]
    [InlineData("asOf=2020-02-30", "is not a date written yyyy-MM-dd")]
    [InlineData("asOf=tomorrow", "is not a date written yyyy-MM-dd")]
    [InlineData("year=2024&asOf=2025-01-01", "is not in year 2024")]
    public async Task A_bad_as_of_date_is_refused_with_a_reason(string query, string reason)
    {
        var response = await Api.Get($"api/units/{Xiangzhou}/score?{query}");

        Assert.Equal(400, response.Code);
        Assert.Contains(reason, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_after_today_is_refused()
    {
        await Scenario();
        var response = await Api.Get($"api/units/{Xiangzhou}/ranking?asOf={China.Tomorrow}&year={China.Tomorrow[..4]}");

        Assert.Equal(400, response.Code);
        Assert.Contains("is in the future", response.Detail, StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> Ok(string path)
    {
        var response = await Api.Get(path);
        Assert.True(response.Code == 200, $"GET {path}: {response}");
        return response.Json!;
    }

    private static ScoringRules DefaultRules()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "seeds", "scoring", "default.json");
        return ScoringRulesValidator.Validate(ScoringRulesJson.ReadFile(file), null, Past, 1).Rules!;
    }

    /// <summary>
    /// Once per host: reports submitted and acted on at four moments of last year (the last one half an
    /// hour before the year ends, China time), then a few steps today; the recount of their histories.
    /// </summary>
    private Task<ScenarioResult> Scenario() => host.Shared("as-of scenario", async api =>
    {
        var tree = new TestTree(NetworkJson.ReadFile(Path.Combine(AppContext.BaseDirectory, "seeds", "demo-network.json")));
        var z1 = tree.OwnMembers(Xiangzhou)[0];
        var z2 = tree.OwnMembers(Xiangzhou)[1];
        var g1 = tree.OwnMembers(Guchang)[0];
        var g2 = tree.OwnMembers(Guchang)[1];
        var c1 = tree.OwnMembers(Xiangyang)[0];
        var ids = new List<string>();

        async Task<string> Submit(string lead)
        {
            var r = await api.Post("api/reports", new { author = lead, title = "关于农村道路养护的建议", body = "养护资金不足。" }, actor: TestUser.Member(lead));
            Assert.True(r.Code == 201, r.ToString());
            ids.Add(r.ReportId!);
            return r.ReportId!;
        }

        async Task Act(string id, string committee, string action, DateOnly? date = null, string? leader = null)
        {
            var r = await api.Post($"api/reports/{id}/actions", new { committee, action, date = date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), leaderTitle = leader });
            Assert.True(r.Code == 200, $"{action} at {committee}: {r}");
        }

        async Task Settle()
        {
            foreach (var year in new[] { Past, China.Year })
            {
                var verify = await api.Get($"api/verify/CN?year={year}&waitSeconds=60");
                Assert.True(verify.Json?["ok"]?.GetValue<bool>() == true, verify.ToString());
            }
        }

        DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(Past, month, day, hour, minute, 0, ChinaOffset);

        host.Clock.MoveTo(At(3, 10, 10));
        var r1 = await Submit(z1);
        var r2 = await Submit(z2);
        var r3 = await Submit(g1);
        var r4 = await Submit(c1);
        await Act(r1, Xiangzhou, "adopt");
        await Settle();

        host.Clock.MoveTo(At(6, 15, 15));
        await Act(r1, Xiangzhou, "forward");
        await Act(r1, Xiangyang, "adopt");
        await Act(r1, Xiangzhou, "endorse", new DateOnly(Past, 6, 15), "区政协主席");
        await Act(r3, Guchang, "adopt");
        await Act(r4, Xiangyang, "adopt");
        await Settle();

        host.Clock.MoveTo(At(9, 20, 9));
        await Act(r1, Xiangyang, "forward");
        await Act(r1, Xiangyang, "endorse", new DateOnly(Past, 9, 20), "市政协主席");
        await Act(r1, Xiangyang, "endorse", new DateOnly(Past, 9, 20), "市委书记");
        await Submit(g2);
        await Act(r3, Guchang, "forward");
        await Settle();

        host.Clock.MoveTo(At(12, 31, 23, 30));
        await Act(r3, Xiangyang, "adopt");
        await Submit(z1);
        await Settle();

        // Today: steps on last year's reports count in this year.
        host.Clock.MoveToNow();
        await Act(r2, Xiangzhou, "adopt");
        await Act(r1, Hubei, "adopt");
        await Submit(z2);
        await Settle();

        return new ScenarioResult(tree, await LedgerRecount.Of(api, tree.Model, ids));
    });

    private sealed record ScenarioResult(TestTree Tree, LedgerRecount Recount);
}
