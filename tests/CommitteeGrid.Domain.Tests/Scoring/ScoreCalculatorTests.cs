using CommitteeGrid.Domain.Scoring;
using static CommitteeGrid.Domain.Tests.Scoring.ScoringSeeds;

namespace CommitteeGrid.Domain.Tests.Scoring;

/// <summary>Worked examples under the published rule sets, each total worked out by hand in the comments.</summary>
public sealed class ScoreCalculatorTests
{
    [Fact]
    public void Attendance_and_proposal_shares_under_the_uncapped_rules()
    {
        // 襄州区: 6 plenary half-days + 2 activities = 8 × 5 = 40;
        // 2 lead proposals × 15 = 30, one of them key +15, one excellent +10 → 55;
        // 3 co-signed × 3 = 9, one of them key +3 → 12. Total 40 + 55 + 12 = 107, no cap, no grade.
        var score = ScoreCalculator.ForMember(Xiangzhou, Counts(
            ("duty.plenary", 6), ("duty.activity", 2), ("proposal.submitted", 2), ("proposal.key", 1), ("proposal.excellent", 1),
            ("proposal.cosigned", 3), ("proposal.key.cosigner", 1), ("report.submitted", 9)));

        Assert.Equal(107m, score.Total);
        Assert.Equal(107m, score.Subtotal);
        Assert.Null(score.Grade);
        Assert.Equal([40m, 55m, 12m], score.Items.Select(i => i.Total));
        Assert.All(score.Lines, l => Assert.Equal(0m, l.CappedOff));
        var key = Assert.Single(score.Lines, l => l.Counter == "proposal.key");
        Assert.Equal(("proposal-lead", true, 1L, 15m, 15m), (key.Item, key.Bonus, key.Count, key.Points, key.Amount));
        var cosigned = Assert.Single(score.Lines, l => l.Counter == "proposal.cosigned");
        Assert.Equal((false, 3L, 3m, 9m), (cosigned.Bonus, cosigned.Count, cosigned.Points, cosigned.Amount));
        // Information reports are not in these rules, whatever was counted.
        Assert.DoesNotContain(score.Lines, l => l.Counter == "report.submitted");
    }

    [Fact]
    public void Caps_cut_each_item_and_the_grade_follows_the_total()
    {
        // 襄阳市 (100 points): 8 plenary + 4 activities = 12 × 5 = 60, capped at 50 (10 cut);
        // 2 proposals × 10 = 20, 1 registered +15 = 35, capped at 25 (10 cut from the bonus line);
        // 3 reports × 10 = 30 capped at 15 (15 cut), 2 adopted by the county +10 all cut;
        // 1 inspection × 5 = 5 (cap 10). Total 50 + 25 + 15 + 5 = 95: 优秀.
        var score = ScoreCalculator.ForMember(Xiangyang, Counts(
            ("duty.plenary", 8), ("duty.activity", 4), ("proposal.submitted", 2), ("proposal.registered", 1),
            ("report.submitted", 3), ("report.adopted.county", 2), ("duty.inspection", 1)));

        Assert.Equal(95m, score.Total);
        Assert.Equal(new Grade("优秀", "excellent"), score.Grade);
        Assert.Equal([(60m, 10m, 50m), (35m, 10m, 25m), (40m, 25m, 15m), (5m, 0m, 5m)], score.Items.Select(i => (i.Amount, i.CappedOff, i.Total)));

        var lines = score.Lines.ToDictionary(l => (l.Item, l.Counter));
        Assert.Equal((40m, 0m), (lines[("meetings", "duty.plenary")].Amount, lines[("meetings", "duty.plenary")].CappedOff));
        Assert.Equal((20m, 10m), (lines[("meetings", "duty.activity")].Amount, lines[("meetings", "duty.activity")].CappedOff));
        Assert.Equal((20m, 0m), (lines[("proposals", "proposal.submitted")].Amount, lines[("proposals", "proposal.submitted")].CappedOff));
        Assert.Equal((15m, 10m), (lines[("proposals", "proposal.registered")].Amount, lines[("proposals", "proposal.registered")].CappedOff));
        Assert.Equal((30m, 15m), (lines[("reports", "report.submitted")].Amount, lines[("reports", "report.submitted")].CappedOff));
        Assert.Equal((10m, 10m), (lines[("reports", "report.adopted.county")].Amount, lines[("reports", "report.adopted.county")].CappedOff));
        Assert.Equal(25m, lines[("proposals", "proposal.registered")].Cap);

        // The lines explain the total: what they earn less what the caps cut.
        Assert.Equal(score.Total, score.Lines.Sum(l => l.Amount - l.CappedOff));
    }

    [Theory]
    // 4 meetings = 20; 1 unregistered proposal = 10; 1 report adopted by the city 10 + 5 = 15 → 45: 不合格.
    [InlineData(4, 1, 0, 1, 0, 1, 45, "不合格")]
    // 12 meetings = 50 (cap); 1 registered proposal = 25; 1 report = 10 → 85: 良好.
    [InlineData(12, 1, 1, 1, 0, 0, 85, "良好")]
    // 7 meetings = 35; 1 registered proposal = 25 → exactly 60: 合格 (a band includes its minimum).
    [InlineData(7, 1, 1, 0, 0, 0, 60, "合格")]
    // 5 meetings = 25; 1 registered proposal = 25; 1 report adopted by the county = 15 → 65: 合格.
    [InlineData(5, 1, 1, 1, 1, 0, 65, "合格")]
    // 11 meetings = 50 (55 capped); 1 registered = 25; 1 adopted report = 15 → exactly 90: 优秀.
    [InlineData(11, 1, 1, 1, 1, 0, 90, "优秀")]
    public void Grades_under_the_100_point_rules(int meetings, int proposals, int registered, int reports, int adoptedCounty, int adoptedCity, int total, string grade)
    {
        var score = ScoreCalculator.ForMember(Xiangyang, Counts(
            ("duty.standing", meetings), ("proposal.submitted", proposals), ("proposal.registered", registered),
            ("report.submitted", reports), ("report.adopted.county", adoptedCounty), ("report.adopted.city", adoptedCity)));

        Assert.Equal(total, score.Total);
        Assert.Equal(grade, score.Grade?.Label);
    }

    [Fact]
    public void A_member_with_nothing_counted_scores_zero_and_is_graded()
    {
        var score = ScoreCalculator.ForMember(Xiangyang, Counts());

        Assert.Equal(0m, score.Total);
        Assert.Equal("不合格", score.Grade?.Label);
        Assert.All(score.Lines, l => Assert.Equal((0L, 0m), (l.Count, l.Amount)));
    }

    [Fact]
    public void The_rule_sets_maximum_limits_the_total_after_item_caps()
    {
        var rules = Rules(maxTotal: 100, items: [Item("a", 40, cap: null, "report.submitted"), Item("b", 30, cap: 60, "report.adopted.county")]);

        // a: 2 × 40 = 80 (no cap); b: 3 × 30 = 90 capped at 60. Subtotal 140, total 100.
        var score = ScoreCalculator.ForMember(rules, Counts(("report.submitted", 2), ("report.adopted.county", 3)));

        Assert.Equal((140m, 100m, 100m), (score.Subtotal, score.MaxTotal!.Value, score.Total));
        Assert.Equal(30m, score.Items[1].CappedOff);
    }

    [Fact]
    public void Fractional_points_add_exactly_and_bands_split_on_the_minimum()
    {
        var rules = Rules(maxTotal: null, items: [Item("a", 0.5m, cap: null, "duty.activity")], bands: [(80, "良好"), (0, "合格")]);

        Assert.Equal("合格", ScoreCalculator.ForMember(rules, Counts(("duty.activity", 159))).Grade!.Label);   // 79.5
        Assert.Equal("良好", ScoreCalculator.ForMember(rules, Counts(("duty.activity", 160))).Grade!.Label);   // 80
        Assert.Equal(79.5m, ScoreCalculator.ForMember(rules, Counts(("duty.activity", 159))).Total);
    }

    [Fact]
    public void Units_are_scored_by_the_unit_items_with_level_bonuses()
    {
        // 襄阳市 unit items: 10 reports × 1 = 10; adopted: county 4 × 4 = 16, city 2 × 6 = 12, national 1 × 10 = 10 → 38;
        // endorsed: province 1 × 8 = 8; 3 registered proposals × 2 = 6, 1 key + 3 → 9; 5 activities × 1 = 5.
        // Total 10 + 38 + 8 + 9 + 5 = 70; no unit grades.
        var score = ScoreCalculator.ForUnit(Xiangyang, Counts(
            ("report.submitted", 10), ("report.adopted.county", 4), ("report.adopted.city", 2), ("report.adopted.national", 1),
            ("report.endorsed.province", 1), ("proposal.registered", 3), ("proposal.key", 1), ("duty.activity", 5),
            ("duty.plenary", 40)));

        Assert.Equal(70m, score.Total);
        Assert.Null(score.Grade);
        Assert.Equal([10m, 38m, 8m, 9m, 5m], score.Items.Select(i => i.Total));
    }

    internal static ScoringRules Rules(decimal? maxTotal, ScoringItem[] items, (decimal Min, string Label)[]? bands = null) => new(
        "X", 2026, 1, "test", null, items, items, maxTotal,
        [.. (bands ?? [(0, "合格")]).Select(b => new GradeBand(b.Min, b.Label, b.Label))], []);

    internal static ScoringItem Item(string id, decimal points, decimal? cap, params string[] counters) =>
        new(id, id, id, counters, points, cap, []);
}
