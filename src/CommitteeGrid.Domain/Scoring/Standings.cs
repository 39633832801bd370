namespace CommitteeGrid.Domain.Scoring;

/// <summary>What a ranking lists: a unit's children, its committee's members, or those members by party or by sector.</summary>
public enum RankingOf
{
    Children,
    Members,
    Parties,
    Sectors,
}

/// <summary>
/// A unit or member to be ranked, with its counts for the year. Units are scored by the unit items,
/// members by the member items; party and sector rows are built from members.
/// </summary>
public sealed record Contender(
    string Code,
    string Name,
    string Kind,
    int Members,
    bool IsMember,
    string? Party,
    string? Sector,
    IReadOnlyDictionary<string, long> Counters);

/// <summary>Rank by "score" or by one counter; per capita divides by the members a row stands for.</summary>
public sealed record RankingRequest(RankingOf Of, string By, bool PerCapita)
{
    public const string ByScore = "score";

    public bool ByCounter => By != ByScore;
}

public sealed record RankingRow(
    int Rank,
    string Code,
    string Name,
    string Kind,
    int Members,
    decimal Value,
    decimal Score,
    Grade? Grade,
    IReadOnlyDictionary<string, long> Counters);

/// <summary>Builds and ranks the rows of a ranking from the contenders' counts and the assessing committee's rules.</summary>
public static class Standings
{
    public static IReadOnlyList<RankingRow> Rank(ScoringRules rules, RankingRequest request, IEnumerable<Contender> contenders)
    {
        var rows = request.Of switch
        {
            RankingOf.Parties => Grouped(rules, request, contenders, c => c.Party, "party"),
            RankingOf.Sectors => Grouped(rules, request, contenders, c => c.Sector, "sector"),
            _ => contenders.Select(c => Row(rules, request, c)).ToList(),
        };

        return
        [
            .. Ranking.Rank(rows, r => r.Value, r => r.Code).Select(r => r.Row with { Rank = r.Rank }),
        ];
    }

    private static RankingRow Row(ScoringRules rules, RankingRequest request, Contender c)
    {
        var score = c.IsMember ? ScoreCalculator.ForMember(rules, c.Counters) : ScoreCalculator.ForUnit(rules, c.Counters);
        var shown = Shown(rules, request, c.IsMember, c.Counters);
        return new RankingRow(0, c.Code, c.Name, c.Kind, c.Members, Value(request, score.Total, shown, c.Members), score.Total, score.Grade, shown);
    }

    /// <summary>Party or sector rows: the members' scores and counts summed; a group of members has no grade.</summary>
    private static List<RankingRow> Grouped(ScoringRules rules, RankingRequest request, IEnumerable<Contender> members, Func<Contender, string?> key, string kind) =>
    [
        .. members
            .Where(m => m.IsMember)
            .GroupBy(m => key(m) ?? "", StringComparer.Ordinal)
            .Select(g =>
            {
                var score = g.Sum(m => ScoreCalculator.ForMember(rules, m.Counters).Total);
                var sums = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (counter, value) in g.SelectMany(m => m.Counters))
                {
                    sums[counter] = sums.GetValueOrDefault(counter) + value;
                }

                var shown = Shown(rules, request, forMembers: true, sums);
                var count = g.Count();
                return new RankingRow(0, g.Key, g.Key, kind, count, Value(request, score, shown, count), ScoreMath.Normalize(score), null, shown);
            }),
    ];

    private static decimal Value(RankingRequest request, decimal score, IReadOnlyDictionary<string, long> counters, int members)
    {
        var raw = request.ByCounter ? counters.GetValueOrDefault(request.By) : score;
        return request.PerCapita ? ScoreMath.PerCapita(raw, members) : ScoreMath.Normalize(raw);
    }

    /// <summary>The counters a row shows: those its rules read, and the one ranked by, zero where nothing was counted.</summary>
    private static SortedDictionary<string, long> Shown(ScoringRules rules, RankingRequest request, bool forMembers, IReadOnlyDictionary<string, long> counters)
    {
        var shown = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in rules.CountersRead(forUnits: !forMembers).Append(request.By).Where(c => c != RankingRequest.ByScore))
        {
            shown[counter] = counters.GetValueOrDefault(counter);
        }

        return shown;
    }
}
