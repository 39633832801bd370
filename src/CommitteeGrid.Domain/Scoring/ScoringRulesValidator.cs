using System.Globalization;
using System.Text.RegularExpressions;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Scoring;

/// <summary>
/// Turns a rules document into <see cref="ScoringRules"/>, listing every problem found (not just the
/// first), so that whoever edits the rules can fix them in one go.
/// </summary>
public static partial class ScoringRulesValidator
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxItems = 50;
    public const int MaxCountersPerItem = 20;
    public const int MaxBonusesPerItem = 20;
    public const int MaxBands = 10;
    public const decimal MaxPoints = 1000m;
    public const decimal MaxCap = 100_000m;
    public const int MaxDecimals = 2;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_.-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ItemId();

    /// <summary>
    /// Validates <paramref name="document"/> as the rules of <paramref name="committee"/> for
    /// <paramref name="year"/> (both null for the network-wide default). The document may repeat the
    /// committee and year but may not contradict them. <paramref name="knownCountersOnly"/> is false
    /// only when reading back rules already recorded, so a counter retired later cannot hide them.
    /// </summary>
    public static ScoringRulesValidation Validate(ScoringRulesDocument? document, string? committee, int? year, int version, bool knownCountersOnly = true)
    {
        var problems = new List<string>();
        if (document is null)
        {
            return new ScoringRulesValidation(null, ["the rules document is empty"]);
        }

        if (committee is not null && !UnitCodes.IsWellFormed(committee))
        {
            problems.Add($"committee '{committee}' is not a unit code");
        }

        if (document.Committee is not null && document.Committee != committee)
        {
            problems.Add(committee is null
                ? $"the network-wide default names committee '{document.Committee}'; it must name none"
                : $"the document names committee '{document.Committee}' but is for committee '{committee}'");
        }

        if (committee is not null && year is null)
        {
            problems.Add("year is required");
        }

        if (year is { } y && y is < MinYear or > MaxYear)
        {
            problems.Add($"year {y} is not between {MinYear} and {MaxYear}");
        }

        if (document.Year is { } docYear && year is not null && docYear != year)
        {
            problems.Add($"the document is for year {docYear} but is recorded for year {year}");
        }

        Text(problems, "name", document.Name, 100);
        if (TextRules.Check("source", document.Source, 2000, required: false, multiline: true) is { } badSource)
        {
            problems.Add(badSource);
        }

        if (document.MaxTotal is { } max && (max <= 0 || max > MaxCap || TooPrecise(max)))
        {
            problems.Add($"maxTotal {Show(max)} must be more than 0 and at most {Show(MaxCap)}, with at most {MaxDecimals} decimals");
        }

        var memberItems = Items(problems, "memberItems", document.MemberItems, knownCountersOnly);
        var unitItems = Items(problems, "unitItems", document.UnitItems, knownCountersOnly);
        var grades = Bands(problems, "grades", document.Grades, document.MaxTotal);
        var unitGrades = Bands(problems, "unitGrades", document.UnitGrades, null);

        if (problems.Count > 0)
        {
            return new ScoringRulesValidation(null, problems);
        }

        var rules = new ScoringRules(
            committee, year ?? document.Year ?? 0, version, document.Name!.Trim(), string.IsNullOrWhiteSpace(document.Source) ? null : document.Source,
            memberItems, unitItems, document.MaxTotal, grades, unitGrades);
        return new ScoringRulesValidation(rules, []);
    }

    private static List<ScoringItem> Items(List<string> problems, string field, List<ScoringItemDocument?>? items, bool knownCountersOnly)
    {
        var result = new List<ScoringItem>();
        if (items is null || items.Count == 0)
        {
            problems.Add($"{field} must list at least one item");
            return result;
        }

        if (items.Count > MaxItems)
        {
            problems.Add($"{field} has {items.Count} items; at most {MaxItems} are allowed");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"{field}[{i}]";
            if (item is null)
            {
                problems.Add($"{at} is null");
                continue;
            }

            var before = problems.Count;
            if (item.Id is null || !ItemId().IsMatch(item.Id))
            {
                problems.Add($"{at}.id '{item.Id}' must be 1-40 lower-case letters, digits, '_', '.' or '-'");
            }
            else
            {
                at = $"{field} item '{item.Id}'";
                if (!ids.Add(item.Id))
                {
                    problems.Add($"{field} has item id '{item.Id}' twice");
                }
            }

            Text(problems, $"{at}: label", item.Label, 50);
            Text(problems, $"{at}: labelEn", item.LabelEn, 80);
            Points(problems, $"{at}: points", item.Points);
            if (item.Cap is { } cap && (cap <= 0 || cap > MaxCap || TooPrecise(cap)))
            {
                problems.Add($"{at}: cap {Show(cap)} must be more than 0 and at most {Show(MaxCap)}, with at most {MaxDecimals} decimals");
            }

            var counters = item.Counters ?? [];
            if (counters.Count is 0 or > MaxCountersPerItem)
            {
                problems.Add($"{at}: counters must list 1-{MaxCountersPerItem} counter names");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var counter in counters)
            {
                Counter(problems, $"{at}: counter", counter, knownCountersOnly);
                if (counter is not null && !seen.Add(counter))
                {
                    problems.Add($"{at}: counter '{counter}' is listed twice");
                }
            }

            var bonuses = new List<ScoringBonus>();
            var bonusDocs = item.Bonuses ?? [];
            if (bonusDocs.Count > MaxBonusesPerItem)
            {
                problems.Add($"{at}: at most {MaxBonusesPerItem} bonuses are allowed");
            }

            foreach (var bonus in bonusDocs)
            {
                if (bonus is null)
                {
                    problems.Add($"{at}: a bonus is null");
                    continue;
                }

                Counter(problems, $"{at}: bonus counter", bonus.Counter, knownCountersOnly);
                Points(problems, $"{at}: bonus points for '{bonus.Counter}'", bonus.Points);
                if (bonus.Counter is not null && !seen.Add(bonus.Counter))
                {
                    problems.Add($"{at}: counter '{bonus.Counter}' is counted twice (as a counter and a bonus, or in two bonuses)");
                }

                bonuses.Add(new ScoringBonus(bonus.Counter ?? "", bonus.Points ?? 0));
            }

            if (problems.Count == before)
            {
                result.Add(new ScoringItem(item.Id!, item.Label!.Trim(), item.LabelEn!.Trim(), [.. counters!], item.Points!.Value, item.Cap, bonuses));
            }
        }

        return result;
    }

    private static List<GradeBand> Bands(List<string> problems, string field, List<GradeBandDocument?>? bands, decimal? maxTotal)
    {
        var result = new List<GradeBand>();
        if (bands is null || bands.Count == 0)
        {
            return result;
        }

        if (bands.Count > MaxBands)
        {
            problems.Add($"{field} has {bands.Count} bands; at most {MaxBands} are allowed");
        }

        var before = problems.Count;
        var mins = new HashSet<decimal>();
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var at = $"{field}[{i}]";
            if (band is null)
            {
                problems.Add($"{at} is null");
                continue;
            }

            Text(problems, $"{at}.label", band.Label, 20);
            Text(problems, $"{at}.labelEn", band.LabelEn, 40);
            if (band.Min is not { } min)
            {
                problems.Add($"{at}.min is required (the lowest total the grade covers)");
                continue;
            }

            if (min < 0 || TooPrecise(min) || (maxTotal is { } top && min > top))
            {
                problems.Add($"{at}.min {Show(min)} must be from 0{(maxTotal is { } t ? " to maxTotal " + Show(t) : "")}, with at most {MaxDecimals} decimals");
            }

            if (!mins.Add(min))
            {
                problems.Add($"{field} has two bands starting at {Show(min)}");
            }
        }

        // Each band runs from its minimum up to the next one, so the bands leave no gap if the lowest starts at 0.
        if (!mins.Contains(0))
        {
            problems.Add($"{field} must have a band starting at 0, so that every total from 0 up has a grade");
        }

        if (problems.Count == before)
        {
            result.AddRange(bands.Select(b => new GradeBand(b!.Min!.Value, b.Label!.Trim(), b.LabelEn!.Trim())).OrderByDescending(b => b.Min));
        }

        return result;
    }

    private static void Text(List<string> problems, string field, string? text, int max)
    {
        if (TextRules.Check(field, text, max) is { } problem)
        {
            problems.Add(problem);
        }
    }

    private static void Points(List<string> problems, string field, decimal? points)
    {
        if (points is not { } p)
        {
            problems.Add($"{field} is required");
        }
        else if (p < 0 || p > MaxPoints || TooPrecise(p))
        {
            problems.Add($"{field} {Show(p)} must be from 0 to {Show(MaxPoints)}, with at most {MaxDecimals} decimals");
        }
    }

    private static void Counter(List<string> problems, string field, string? counter, bool knownCountersOnly)
    {
        if (string.IsNullOrWhiteSpace(counter))
        {
            problems.Add($"{field} is empty");
        }
        else if (knownCountersOnly && !KnownCounters.IsKnown(counter))
        {
            problems.Add($"{field} '{(counter.Length > 60 ? counter[..60] + "…" : counter)}' is not a known counter (e.g. report.adopted.city, proposal.registered, duty.plenary)");
        }
    }

    private static bool TooPrecise(decimal value) => decimal.Round(value, MaxDecimals) != value;

    private static string Show(decimal value) => ScoreMath.Normalize(value).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Either valid rules or every problem found.</summary>
public sealed record ScoringRulesValidation(ScoringRules? Rules, IReadOnlyList<string> Problems)
{
    public bool IsValid => Rules is not null;
}
