namespace CommitteeGrid.Domain.Scoring;

/// <summary>Applies scoring rules to counts. Pure arithmetic: the same counts and rules always give the same score.</summary>
public static class ScoreCalculator
{
    /// <summary>A member's score: the member items, at most the rules' maximum, graded by the member bands.</summary>
    public static ScoreBreakdown ForMember(ScoringRules rules, IReadOnlyDictionary<string, long> counters) =>
        Score(rules.MemberItems, counters, rules.MaxTotal, rules.Grades);

    /// <summary>A unit's score: the unit items over the unit's whole tally, graded by the unit bands (if any).</summary>
    public static ScoreBreakdown ForUnit(ScoringRules rules, IReadOnlyDictionary<string, long> counters) =>
        Score(rules.UnitItems, counters, null, rules.UnitGrades);

    public static Grade? GradeOf(IReadOnlyList<GradeBand> bands, decimal total) =>
        bands.Where(b => total >= b.Min).MaxBy(b => b.Min) is { } band ? new Grade(band.Label, band.LabelEn) : null;

    private static ScoreBreakdown Score(IReadOnlyList<ScoringItem> items, IReadOnlyDictionary<string, long> counters, decimal? maxTotal, IReadOnlyList<GradeBand> bands)
    {
        var lines = new List<ScoreLine>();
        var totals = new List<ScoreItemTotal>();
        foreach (var item in items)
        {
            var parts = item.Counters.Select(c => (Counter: c, Bonus: false, item.Points))
                .Concat(item.Bonuses.Select(b => (b.Counter, Bonus: true, b.Points)));
            var amount = 0m;
            var kept = 0m;
            foreach (var (counter, bonus, points) in parts)
            {
                var count = counters.GetValueOrDefault(counter);
                var lineAmount = count * points;
                amount += lineAmount;

                // What this line may still add before the item reaches its cap.
                var room = item.Cap is { } cap ? Math.Max(0, cap - kept) : decimal.MaxValue;
                var keep = Math.Min(lineAmount, room);
                kept += keep;
                lines.Add(new ScoreLine(
                    item.Id, item.Label, item.LabelEn, counter, bonus, count, ScoreMath.Normalize(points),
                    ScoreMath.Normalize(lineAmount), item.Cap, ScoreMath.Normalize(lineAmount - keep)));
            }

            totals.Add(new ScoreItemTotal(item.Id, item.Label, item.LabelEn, ScoreMath.Normalize(amount), item.Cap, ScoreMath.Normalize(amount - kept), ScoreMath.Normalize(kept)));
        }

        var subtotal = totals.Sum(t => t.Total);
        var total = maxTotal is { } max ? Math.Min(subtotal, max) : subtotal;
        return new ScoreBreakdown(lines, totals, ScoreMath.Normalize(subtotal), maxTotal, ScoreMath.Normalize(total), GradeOf(bands, total));
    }
}
