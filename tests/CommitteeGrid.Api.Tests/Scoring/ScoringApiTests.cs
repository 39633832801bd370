using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Domain.Scoring;
using static CommitteeGrid.Api.Tests.Infrastructure.DemoHostFixture;

namespace CommitteeGrid.Api.Tests.Scoring;

/// <summary>Scores, rankings and scoring rules over real HTTP on the demo network.</summary>
[Collection(ScoringCollection.Name)]
public sealed class ScoringApiTests(DemoHostFixture host)
{
    private const string Dazhou = "511700";
    private const string Dazhu = "511724";
    private const string Quxian = "511725";
    private const string Guchang = "420625";

    private ApiClient Api => host.Api;

    private ScoringKit Kit => new(host.Api);

    private static TestTree Tree => ScoringKit.Tree;

    [Fact]
    public async Task A_members_score_explains_itself_line_by_line()
    {
        // A city member (襄阳市) is assessed by the city's rules: 100 points, reports 10 each, +5 if adopted, capped at 15.
        var member = Tree.OwnMembers(Xiangyang)[^1];
        await Kit.Submit(member);
        var adopted = await Kit.Submit(member);
        await Kit.Act(adopted, Xiangyang, "adopt");
        await Kit.TallyReaches(member, ("report.submitted", 2), ("report.adopted.city", 1));

        var score = await Kit.Ok($"api/units/{member}/score");

        Assert.Equal(member, score["unit"]!["code"]!.GetValue<string>());
        Assert.Equal("member", score["unit"]!["kind"]!.GetValue<string>());
        Assert.Equal(Xiangyang, score["assessor"]!["code"]!.GetValue<string>());
        var seedYear = ScoringRulesJson.ReadFile(Path.Combine(AppContext.BaseDirectory, "seeds", "scoring", "xiangyang-2026.json")).Year;
        Assert.Equal(seedYear == China.Year ? Xiangyang : null, score["rules"]!["committee"]?.GetValue<string>());

        // 2 reports × 10 = 20 and 1 adoption × 5: 25, capped at 15. Nothing else counted: 15 of 100, 不合格.
        var lines = score["lines"]!.AsArray().Where(l => l!["item"]!.GetValue<string>() == "reports").ToList();
        Assert.Equal(
            [("report.submitted", 2L, 10m, 20m, 5m), ("report.adopted.county", 0L, 5m, 0m, 0m), ("report.adopted.city", 1L, 5m, 5m, 5m), ("report.adopted.province", 0L, 5m, 0m, 0m), ("report.adopted.national", 0L, 5m, 0m, 0m)],
            lines.Select(l => (l!["counter"]!.GetValue<string>(), l["count"]!.GetValue<long>(), l["points"]!.GetValue<decimal>(), l["amount"]!.GetValue<decimal>(), l["cappedOff"]!.GetValue<decimal>())));
        Assert.All(lines, l => Assert.Equal(15m, l!["cap"]!.GetValue<decimal>()));
        Assert.Equal(15m, score["total"]!.GetValue<decimal>());
        Assert.Equal(100m, score["maxTotal"]!.GetValue<decimal>());
        Assert.Equal(("不合格", "not competent"), (score["grade"]!["label"]!.GetValue<string>(), score["grade"]!["labelEn"]!.GetValue<string>()));
        Assert.True(score["live"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Replacing_rules_re_ranks_at_once_and_earlier_versions_stay_readable()
    {
        var year = China.Year;
        // 大竹县: one report, adopted by the county. 渠县: three reports, none adopted.
        var report = await Kit.Submit(Tree.FirstMemberOf(Dazhu));
        await Kit.Act(report, Dazhu, "adopt");
        await Kit.Submit(Tree.FirstMemberOf(Quxian), times: 3);
        await Kit.TallyReaches(Dazhu, ("report.submitted", 1), ("report.adopted.county", 1));
        await Kit.TallyReaches(Quxian, ("report.submitted", 3));

        var inherited = await Kit.Ok($"api/committees/{Dazhou}/scoring-rules/{year}");
        Assert.True(inherited["inherited"]!.GetValue<bool>());
        Assert.Empty((await Kit.Ok($"api/committees/{Dazhou}/scoring-rules/{year}/versions"))["versions"]!.AsArray());

        // Version 1 weighs adoption: 大竹 1 + 10 = 11, 渠县 3.
        var v1 = await Kit.PutRules(Dazhou, year, ScoringKit.Rules("达州市考核办法（第一版）", reportPoints: 1, adoptedPoints: 10));
        Assert.True(v1.Code == 200, v1.ToString());
        Assert.Equal(1, v1.Json!["version"]!.GetValue<int>());
        Assert.Equal([(Dazhu, 11m), (Quxian, 3m)], await Counties(year));

        // Version 2 weighs reports only: 大竹 5, 渠县 15. The very next read ranks by it.
        var key = ApiClient.NewKey();
        var v2Rules = ScoringKit.Rules("达州市考核办法（第二版）", reportPoints: 5, adoptedPoints: 0);
        var v2 = await Kit.PutRules(Dazhou, year, v2Rules, key, ifMatch: "\"1\"");
        Assert.True(v2.Code == 200, v2.ToString());
        Assert.Equal(2, v2.Json!["version"]!.GetValue<int>());
        Assert.Equal([(Quxian, 15m), (Dazhu, 5m)], await Counties(year));
        var ranking = await Kit.Ok($"api/units/{Dazhou}/ranking?of=children");
        Assert.Equal((Dazhou, 2), (ranking["rules"]!["committee"]!.GetValue<string>(), ranking["rules"]!["version"]!.GetValue<int>()));
        Assert.Equal(Ranking.TieOrder, ranking["tieOrder"]!.GetValue<string>());

        // The same request again is answered as the first time; another request under the key is refused.
        var retry = await Kit.PutRules(Dazhou, year, v2Rules, key, ifMatch: "\"1\"");
        Assert.Equal((200, true, 2), (retry.Code, retry.Replayed, retry.Json!["version"]!.GetValue<int>()));
        Assert.Equal(422, (await Kit.PutRules(Dazhou, year, ScoringKit.Rules("别的", 1, 1), key)).Code);

        // A change made to version 1 now would lose version 2: refused.
        var stale = await Kit.PutRules(Dazhou, year, ScoringKit.Rules("达州市考核办法（过时）", 1, 1), ifMatch: "\"1\"");
        Assert.Equal(409, stale.Code);
        Assert.Contains("version 2", stale.Detail, StringComparison.Ordinal);

        // Every version stays readable.
        var versions = (await Kit.Ok($"api/committees/{Dazhou}/scoring-rules/{year}/versions"))["versions"]!.AsArray();
        Assert.Equal([(1, "达州市考核办法（第一版）"), (2, "达州市考核办法（第二版）")], versions.Select(v => (v!["version"]!.GetValue<int>(), v["name"]!.GetValue<string>())));
        var first = await Kit.Ok($"api/committees/{Dazhou}/scoring-rules/{year}/versions/1");
        Assert.Equal(10m, first["unitItems"]![1]!["points"]!.GetValue<decimal>());
        Assert.Equal(404, (await Api.Get($"api/committees/{Dazhou}/scoring-rules/{year}/versions/3")).Code);

        // The county below inherits the city's current rules.
        var county = await Kit.Ok($"api/committees/{Dazhu}/scoring-rules/{year}");
        Assert.Equal((Dazhou, 2, true), (county["committee"]!.GetValue<string>(), county["version"]!.GetValue<int>(), county["inherited"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_every_problem_and_change_nothing()
    {
        var year = China.Year;
        const string Yichang = "420500";
        var bad = new
        {
            name = "",
            memberItems = new[] { new { id = "x", label = "会议", labelEn = "Meetings", counters = new[] { "duty.nap" }, points = 5 } },
            unitItems = Array.Empty<object>(),
        };

        var refused = await Kit.PutRules(Yichang, year, bad);

        Assert.Equal(400, refused.Code);
        foreach (var problem in new[] { "name is required", "'duty.nap' is not a known counter", "unitItems must list at least one item" })
        {
            Assert.Contains(problem, refused.Detail, StringComparison.Ordinal);
        }

        Assert.Empty((await Kit.Ok($"api/committees/{Yichang}/scoring-rules/{year}/versions"))["versions"]!.AsArray());
        var typo = await Api.Send(new HttpRequestMessage(HttpMethod.Put, $"api/committees/{Yichang}/scoring-rules/{year}")
        {
            Content = ApiClient.Encoded("""{"name":"x","maxTotl":100}"""u8.ToArray(), "application/json"),
            Headers = { { ApiClient.KeyHeader, ApiClient.NewKey() } },
        });
        Assert.Equal(400, typo.Code);
        Assert.Contains("unknown field 'maxTotl'", typo.Detail, StringComparison.Ordinal);
        var noKey = await Api.Send(new HttpRequestMessage(HttpMethod.Put, $"api/committees/{Yichang}/scoring-rules/{year}") { Content = ApiClient.JsonContent(ScoringKit.Rules("x", 1, 1)) });
        Assert.Equal(400, noKey.Code);
        Assert.Contains("Idempotency-Key", noKey.Detail, StringComparison.Ordinal);
        Assert.Equal(400, (await Kit.PutRules("420500-G01", year, ScoringKit.Rules("x", 1, 1))).Code);
    }

    [Fact]
    public async Task Parties_rank_by_per_capita_score_whatever_their_size()
    {
        // Reports by members of 谷城县 of several parties: 1 report = 10 points, 2 or more = 15 (the cap).
        var members = Tree.OwnMembers(Guchang);
        var reports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (member, index) in members.Take(12).Select((m, i) => (m, i)))
        {
            reports[member] = 1 + (index % 3);
            await Kit.Submit(member, reports[member]);
        }

        await Kit.TallyReaches(Guchang, ("report.submitted", reports.Values.Sum()));
        await Kit.Settled(Guchang);

        var ranking = await Kit.Ok($"api/units/{Guchang}/ranking?of=parties");

        Assert.True(ranking["perCapita"]!.GetValue<bool>());
        // By hand: each party's score is its members' scores summed; per capita divides by all its members in the committee.
        var expected = members
            .GroupBy(m => Tree.Member(m).Party)
            .Select(g => (Party: g.Key, Members: g.Count(), Total: g.Sum(m => Math.Min(10m * reports.GetValueOrDefault(m), 15m))))
            .Select(p => (p.Party, p.Members, PerCapita: Math.Round(p.Total / p.Members, 2, MidpointRounding.AwayFromZero), p.Total))
            .OrderByDescending(p => p.PerCapita).ThenBy(p => p.Party, StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.Select(p => p.Members).Distinct().Count() > 1, "the parties should differ in size");
        var rows = ranking["rows"]!.AsArray();
        Assert.Equal(
            expected.Select(p => (p.Party, p.Members, p.PerCapita, p.Total)),
            rows.Select(r => (r!["code"]!.GetValue<string>(), r["members"]!.GetValue<int>(), r["value"]!.GetValue<decimal>(), r["score"]!.GetValue<decimal>())));
        for (var i = 0; i < rows.Count; i++)
        {
            var higher = expected.Count(p => p.PerCapita > expected[i].PerCapita);
            Assert.Equal(higher + 1, rows[i]!["rank"]!.GetValue<int>());
        }

        // Sectors sum the same members' counts.
        var sectors = (await Kit.Ok($"api/units/{Guchang}/ranking?of=sectors&by=report.submitted&perCapita=false"))["rows"]!.AsArray();
        Assert.Equal(reports.Values.Sum(), sectors.Sum(r => r!["value"]!.GetValue<decimal>()));
        Assert.Equal(members.Count, sectors.Sum(r => r!["members"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_ranking_by_one_counter_counts_that_counter()
    {
        var member = Tree.OwnMembers(Xiangzhou)[5];
        var report = await Kit.Submit(member);
        await Kit.Act(report, Xiangzhou, "forward");
        await Kit.TallyReaches(Xiangzhou, ("report.forwarded.city", 1));
        await Kit.Settled(Xiangyang);

        var ranking = await Kit.Ok($"api/units/{Xiangyang}/ranking?by=report.forwarded.city&limit=1");

        var row = Assert.Single(ranking["rows"]!.AsArray());
        var tally = await Kit.Ok($"api/units/{row!["code"]!.GetValue<string>()}/tally");
        Assert.Equal(tally["counters"]!["report.forwarded.city"]!.GetValue<long>(), row["value"]!.GetValue<long>());
        Assert.Equal(row["value"]!.GetValue<long>(), row["counters"]!["report.forwarded.city"]!.GetValue<long>());
        Assert.Equal("report.forwarded.city", ranking["by"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("api/units/420600/ranking?of=cousins", 400, "is not one of children, members, parties, sectors")]
    [InlineData("api/units/420600/ranking?by=report.teleported", 400, "is neither score nor a known counter")]
    [InlineData("api/units/420600/ranking?perCapita=maybe", 400, "perCapita must be true or false")]
    [InlineData("api/units/420600/ranking?limit=0", 400, "limit must be a whole number between 1 and 10000")]
    [InlineData("api/units/420600-M0001/ranking", 400, "is a member")]
    [InlineData("api/units/420607/score?assessor=420600-G01", 400, "must be a committee at or above unit '420607'")]
    [InlineData("api/units/420607/score?assessor=510000", 400, "must be a committee at or above unit '420607'")]
    [InlineData("api/units/NOPE/score", 404, "unit 'NOPE' is not in the network")]
    [InlineData("api/units/420607/trend?year=1999", 400, "is not a year between 2000 and 2100")]
    [InlineData("api/committees/420600-G01/scoring-rules/2026", 400, "not a committee")]
    [InlineData("api/committees/420600/scoring-rules/20x6", 400, "is not a year between 2000 and 2100")]
    [InlineData("api/committees/420600/scoring-rules/2026/versions/0", 400, "version must be a whole number")]
    [InlineData("api/committees/420600/bulletin?format=pdf", 400, "is not one of json, csv, xlsx, html")]
    [InlineData("api/committees/420607-G01/bulletin", 400, "bulletins are published by committees")]
    public async Task Bad_requests_are_refused_with_a_reason(string path, int status, string reason)
    {
        var response = await Api.Get(path);

        Assert.Equal(status, response.Code);
        Assert.Contains(reason, response.Detail, StringComparison.Ordinal);
    }

    private async Task<(string Code, decimal Score)[]> Counties(int year)
    {
        var rows = (await Kit.Ok($"api/units/{Dazhou}/ranking?of=children&year={year}"))["rows"]!.AsArray();
        return [.. rows.Where(r => r!["kind"]!.GetValue<string>() == "committee").Select(r => (r!["code"]!.GetValue<string>(), r["score"]!.GetValue<decimal>()))];
    }
}
