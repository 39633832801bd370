namespace CommitteeGrid.Domain.Scoring;

/// <summary>
/// A committee's scoring rules (考核办法) for one year, one version of them. Members are scored by
/// <see cref="MemberItems"/> (at most <see cref="MaxTotal"/>, graded by <see cref="Grades"/>); units
/// (activity groups, liaison offices, committees) by <see cref="UnitItems"/> applied to the unit's
/// whole tally, graded by <see cref="UnitGrades"/> when it has any. Committee is null for the
/// network-wide default, which applies to every year that has no rules of its own.
/// </summary>
public sealed record ScoringRules(
    string? Committee,
    int Year,
    int Version,
    string Name,
    string? Source,
    IReadOnlyList<ScoringItem> MemberItems,
    IReadOnlyList<ScoringItem> UnitItems,
    decimal? MaxTotal,
    IReadOnlyList<GradeBand> Grades,
    IReadOnlyList<GradeBand> UnitGrades)
{
    public bool IsDefault => Committee is null;

    /// <summary>Every counter the rules read, member items first, in the order they appear.</summary>
    public IReadOnlyList<string> CountersRead(bool forUnits) =>
    [
        .. (forUnits ? UnitItems : MemberItems)
            .SelectMany(i => i.Counters.Concat(i.Bonuses.Select(b => b.Counter)))
            .Distinct(StringComparer.Ordinal),
    ];
}

/// <summary>
/// One line of the rules: each count of any of <see cref="Counters"/> earns <see cref="Points"/>; each
/// count of a bonus counter earns that bonus's points; the item's total (counts and bonuses together)
/// is cut to <see cref="Cap"/> when it has one.
/// </summary>
public sealed record ScoringItem(
    string Id,
    string Label,
    string LabelEn,
    IReadOnlyList<string> Counters,
    decimal Points,
    decimal? Cap,
    IReadOnlyList<ScoringBonus> Bonuses);

/// <summary>Extra points for each count of a counter, e.g. +15 per proposal.registered.</summary>
public sealed record ScoringBonus(string Counter, decimal Points);

/// <summary>A grade for totals of at least <see cref="Min"/> (up to the next band's minimum).</summary>
public sealed record GradeBand(decimal Min, string Label, string LabelEn);
