using CommitteeGrid.Domain.Scoring;
using static CommitteeGrid.Domain.Tests.Scoring.ScoringSeeds;

namespace CommitteeGrid.Domain.Tests.Scoring;

public sealed class RankingTests
{
    [Fact]
    public void Equal_values_share_a_rank_the_next_rank_skips_and_ties_list_by_code()
    {
        var rows = new[] { ("B", 80m), ("C", 90m), ("A", 80m), ("D", 70m), ("a", 80m) };

        var ranked = Ranking.Rank(rows, r => r.Item2, r => r.Item1);

        Assert.Equal(
            [(1, "C"), (2, "A"), (2, "B"), (2, "a"), (5, "D")],
            ranked.Select(r => (r.Rank, r.Row.Item1)));
        Assert.Contains("1, 2, 2, 4", Ranking.TieOrder, StringComparison.Ordinal);
    }

    [Fact]
    public void The_order_does_not_depend_on_the_order_rows_arrive_in()
    {
        var rows = Enumerable.Range(0, 50).Select(i => ($"U{i:D2}", (decimal)(i % 7))).ToList();
        var reversed = Enumerable.Reverse(rows).ToList();

        Assert.Equal(
            Ranking.Rank(rows, r => r.Item2, r => r.Item1).Select(r => (r.Rank, r.Row.Item1)),
            Ranking.Rank(reversed, r => r.Item2, r => r.Item1).Select(r => (r.Rank, r.Row.Item1)));
    }

    [Fact]
    public void Parties_rank_by_per_capita_score_whatever_their_size()
    {
        // Under the 100-point rules a member with n meetings and nothing else scores 5n (up to 50).
        Contender M(string code, string party, int meetings) =>
            new(code, code, "member", 1, true, party, "经济界", Counts(("duty.plenary", meetings)));

        var members = new[]
        {
            // 中共: 3 members, 45 + 30 + 15 = 90 in all, 30 each.
            M("M1", "中共", 9), M("M2", "中共", 6), M("M3", "中共", 3),
            // 民盟: 1 member, 35.
            M("M4", "民盟", 7),
            // 九三学社: 2 members, 40 + 20 = 60 in all, 30 each: ties with 中共.
            M("M5", "九三学社", 8), M("M6", "九三学社", 4),
            // 无党派人士: 4 members, 10 + 0 + 0 + 5 = 15, 3.75 each.
            M("M7", "无党派人士", 2), M("M8", "无党派人士", 0), M("M9", "无党派人士", 0), M("M10", "无党派人士", 1),
        };

        var perCapita = Standings.Rank(Xiangyang, new RankingRequest(RankingOf.Parties, "score", PerCapita: true), members);

        Assert.Equal(
            [(1, "民盟", 1, 35m, 35m), (2, "中共", 3, 30m, 90m), (2, "九三学社", 2, 30m, 60m), (4, "无党派人士", 4, 3.75m, 15m)],
            perCapita.Select(r => (r.Rank, r.Code, r.Members, r.Value, r.Score)));
        Assert.All(perCapita, r => Assert.Null(r.Grade));
        Assert.Equal(18, perCapita.Single(r => r.Code == "中共").Counters["duty.plenary"]);

        // In total points the big party comes first.
        var total = Standings.Rank(Xiangyang, new RankingRequest(RankingOf.Parties, "score", PerCapita: false), members);
        Assert.Equal(["中共", "九三学社", "民盟", "无党派人士"], total.Select(r => r.Code));
    }

    [Fact]
    public void Ranking_by_one_counter_uses_that_count_and_shows_it()
    {
        var units = new[]
        {
            new Contender("420607", "襄州区政协", "committee", 300, false, null, null, Counts(("report.forwarded.national", 3), ("report.submitted", 10))),
            new Contender("420625", "谷城县政协", "committee", 120, false, null, null, Counts(("report.forwarded.national", 3), ("report.submitted", 40))),
            new Contender("420600-G01", "市直第一活动组", "activityGroup", 12, false, null, null, Counts(("report.forwarded.national", 1))),
        };

        var byCount = Standings.Rank(Xiangyang, new RankingRequest(RankingOf.Children, "report.forwarded.national", PerCapita: false), units);
        var perCapita = Standings.Rank(Xiangyang, new RankingRequest(RankingOf.Children, "report.forwarded.national", PerCapita: true), units);

        Assert.Equal([(1, "420607", 3m), (1, "420625", 3m), (3, "420600-G01", 1m)], byCount.Select(r => (r.Rank, r.Code, r.Value)));
        Assert.Equal(3, byCount[0].Counters["report.forwarded.national"]);
        // Units are scored by the unit items even when ranked by a count: 谷城 has 40 reports × 1.
        Assert.Equal(40m, byCount[1].Score);
        // Per capita: 1/12 = 0.08, 3/120 = 0.03, 3/300 = 0.01.
        Assert.Equal([("420600-G01", 0.08m), ("420625", 0.03m), ("420607", 0.01m)], perCapita.Select(r => (r.Code, r.Value)));
    }

    [Fact]
    public void Members_with_nothing_counted_are_ranked_with_zeros()
    {
        var members = new[]
        {
            new Contender("M2", "乙", "member", 1, true, "中共", "教育界", Counts()),
            new Contender("M1", "甲", "member", 1, true, "中共", "教育界", Counts(("report.submitted", 1))),
            new Contender("M3", "丙", "member", 1, true, "民进", "教育界", Counts()),
        };

        var ranked = Standings.Rank(Xiangyang, new RankingRequest(RankingOf.Members, "score", PerCapita: false), members);

        Assert.Equal([(1, "M1", 10m), (2, "M2", 0m), (2, "M3", 0m)], ranked.Select(r => (r.Rank, r.Code, r.Value)));
        Assert.Equal("不合格", ranked[1].Grade!.Label);
        Assert.Equal(0, ranked[1].Counters["report.submitted"]);

        var sectors = Standings.Rank(Xiangyang, new RankingRequest(RankingOf.Sectors, "score", PerCapita: true), members);
        Assert.Equal([("教育界", 3, 3.33m)], sectors.Select(r => (r.Code, r.Members, r.Value)));
    }
}
