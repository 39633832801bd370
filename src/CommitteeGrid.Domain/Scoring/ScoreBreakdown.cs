namespace CommitteeGrid.Domain.Scoring;

/// <summary>
/// A score explained: one line per counter an item reads (count × points = amount), what each item's
/// cap cut off, the sum, the rule set's maximum, the total and its grade.
/// </summary>
public sealed record ScoreBreakdown(
    IReadOnlyList<ScoreLine> Lines,
    IReadOnlyList<ScoreItemTotal> Items,
    decimal Subtotal,
    decimal? MaxTotal,
    decimal Total,
    Grade? Grade);

/// <summary>
/// One counter of one item. An item's lines are counted in order (its counters, then its bonuses);
/// once the item reaches its cap, what lies beyond is <see cref="CappedOff"/> on the lines that passed it.
/// </summary>
public sealed record ScoreLine(
    string Item,
    string Label,
    string LabelEn,
    string Counter,
    bool Bonus,
    long Count,
    decimal Points,
    decimal Amount,
    decimal? Cap,
    decimal CappedOff);

/// <summary>One item's amount before its cap, what the cap cut off, and what it adds to the total.</summary>
public sealed record ScoreItemTotal(
    string Item,
    string Label,
    string LabelEn,
    decimal Amount,
    decimal? Cap,
    decimal CappedOff,
    decimal Total);

public sealed record Grade(string Label, string LabelEn);
