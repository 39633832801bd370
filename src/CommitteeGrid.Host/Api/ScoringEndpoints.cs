using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Scoring;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>Scores that explain themselves, live rankings, and the monthly trend, for any unit and year, live or as of a past day.</summary>
internal static class ScoringEndpoints
{
    public const int MaxLimit = 10_000;

    public static void MapScoringEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Scores and rankings");

        api.MapGet("/units/{code}/score", async (string code, string? year, string? asOf, string? assessor, NetworkCatalog catalog, RulesResolver resolver, Figures figures, TimeProvider clock) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (y, day, badDate) = AsOfParam.Parse(year, asOf, clock);
            if (badDate is not null)
            {
                return badDate;
            }

            var (judge, badAssessor) = Assessor(catalog, unit, assessor, DefaultAssessor(catalog.Network, unit));
            if (badAssessor is not null)
            {
                return badAssessor;
            }

            var rules = await resolver.Resolve(judge!, y);
            var counters = await figures.Of(unit, y, day);
            var score = unit.Kind == UnitKind.Member ? ScoreCalculator.ForMember(rules.Rules, counters) : ScoreCalculator.ForUnit(rules.Rules, counters);
            return Results.Ok(new
            {
                Unit = Brief(unit),
                Year = y,
                AsOf = day,
                Live = day is null,
                Assessor = Brief(judge!),
                Rules = rules.Summary,
                score.Total,
                score.Subtotal,
                score.MaxTotal,
                score.Grade,
                score.Lines,
                score.Items,
                Counters = counters,
            });
        }).WithName("GetScore").RequireAccess("score.read");

        api.MapGet("/units/{code}/ranking", async (string code, string? year, string? asOf, string? of, string? by, string? perCapita, string? limit, string? assessor,
            NetworkCatalog catalog, RulesResolver resolver, Figures figures, TimeProvider clock) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (y, day, badDate) = AsOfParam.Parse(year, asOf, clock);
            if (badDate is not null)
            {
                return badDate;
            }

            var (request, badRequest) = Parse(of, unit, by, perCapita);
            if (badRequest is not null)
            {
                return badRequest;
            }

            var (max, badLimit) = QueryValues.Int("limit", limit, 1, MaxLimit);
            if (badLimit is not null)
            {
                return badLimit;
            }

            var (judge, badAssessor) = Assessor(catalog, unit, assessor, catalog.Network.Get(unit.IsCommittee ? unit.Code : unit.CommitteeCode));
            if (badAssessor is not null)
            {
                return badAssessor;
            }

            var ranking = await Rank(unit, y, day, request!, judge!, resolver, figures, catalog);
            return Results.Ok(ranking with { Rows = max is { } m ? [.. ranking.Rows.Take(m)] : ranking.Rows });
        }).WithName("GetRanking").RequireAccess("ranking.read");

        api.MapGet("/units/{code}/trend", async (string code, string? year, NetworkCatalog catalog, ILedger ledger, TimeProvider clock) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (y, badYear) = YearParam.Parse(year, clock);
            if (badYear is not null)
            {
                return badYear;
            }

            var months = await ledger.AggregateByMonthAsync(unit.Path, y);
            return Results.Ok(new
            {
                Unit = Brief(unit),
                Year = y,
                Months = Enumerable.Range(1, 12).Select(m => new { Month = m, Counters = TrendCounters(months.GetValueOrDefault(m)) }),
            });
        }).WithName("GetTrend").RequireAccess("trend.read");
    }

    /// <summary>The ranking of what <paramref name="unit"/> holds under <paramref name="assessor"/>'s rules.</summary>
    public static async Task<RankingResult> Rank(NetworkUnit unit, int year, DateOnly? asOf, RankingRequest request, NetworkUnit assessor, RulesResolver resolver, Figures figures, NetworkCatalog catalog)
    {
        var rules = await resolver.Resolve(assessor, year);
        var subjects = request.Of == RankingOf.Children ? [.. catalog.Network.Children(unit)] : figures.OwnMembers(unit);
        var counts = await figures.Of(unit, subjects, year, asOf);
        var contenders = subjects.Select(s => new Contender(
            s.Code, s.Name, KindName(s.Kind), s.MemberCount, s.Kind == UnitKind.Member, s.Party, s.Sector, counts[s.Code]));
        var rows = Standings.Rank(rules.Rules, request, contenders);
        return new RankingResult(
            Brief(unit), year, asOf, asOf is null, Brief(assessor), Name(request.Of), request.By, request.PerCapita, rules.Summary, Ranking.TieOrder, rows);
    }

    /// <summary>Reads of, by and perCapita; perCapita defaults to true for parties and sectors (人均得分), false otherwise.</summary>
    public static (RankingRequest? Request, IResult? Problem) Parse(string? of, NetworkUnit unit, string? by, string? perCapita)
    {
        RankingOf? what = (of ?? "children") switch
        {
            "children" => RankingOf.Children,
            "members" => RankingOf.Members,
            "parties" => RankingOf.Parties,
            "sectors" => RankingOf.Sectors,
            _ => null,
        };
        if (what is not { } kind)
        {
            return (null, Problems.Invalid($"of '{UnitEndpoints.Shorten(of!)}' is not one of children, members, parties, sectors"));
        }

        if (unit.Kind == UnitKind.Member)
        {
            return (null, Problems.Invalid($"unit '{unit.Code}' is a member; rankings are of a unit's children or of its committee's members"));
        }

        var counter = by ?? RankingRequest.ByScore;
        if (counter != RankingRequest.ByScore && !KnownCounters.IsKnown(counter))
        {
            return (null, Problems.Invalid($"by '{UnitEndpoints.Shorten(counter)}' is neither score nor a known counter (e.g. report.forwarded.national, proposal.registered)"));
        }

        bool? each = perCapita switch
        {
            null or "" => kind is RankingOf.Parties or RankingOf.Sectors,
            "true" => true,
            "false" => false,
            _ => null,
        };
        return each is { } pc
            ? (new RankingRequest(kind, counter, pc), null)
            : (null, Problems.Invalid($"perCapita must be true or false, not '{UnitEndpoints.Shorten(perCapita!)}'"));
    }

    /// <summary>
    /// The committee whose rules judge a unit unless one is named: a member's or group's own committee,
    /// a committee's parent (a city judges its counties), the top committee itself.
    /// </summary>
    public static NetworkUnit DefaultAssessor(CommitteeNetwork network, NetworkUnit unit) =>
        unit.IsCommittee ? network.ParentCommittee(unit) ?? unit : network.Get(unit.CommitteeCode);

    /// <summary>A named assessor must be a committee at or above the unit: a committee judges only its own subtree.</summary>
    public static (NetworkUnit? Assessor, IResult? Problem) Assessor(NetworkCatalog catalog, NetworkUnit unit, string? code, NetworkUnit fallback)
    {
        if (string.IsNullOrEmpty(code))
        {
            return (fallback, null);
        }

        if (UnitEndpoints.Find(catalog, code, out var problem) is not { } assessor)
        {
            return (null, problem);
        }

        if (!assessor.IsCommittee || !CommitteeNetwork.IsWithin(unit, assessor))
        {
            return (null, Problems.Invalid($"assessor '{code}' must be a committee at or above unit '{unit.Code}'; a committee assesses only the units below it"));
        }

        return (assessor, null);
    }

    public static object Brief(NetworkUnit unit) => new { unit.Code, unit.Name, unit.Kind };

    public static string KindName(UnitKind kind) => kind switch
    {
        UnitKind.Committee => "committee",
        UnitKind.LiaisonOffice => "liaisonOffice",
        UnitKind.ActivityGroup => "activityGroup",
        _ => "member",
    };

    private static string Name(RankingOf of) => of switch
    {
        RankingOf.Members => "members",
        RankingOf.Parties => "parties",
        RankingOf.Sectors => "sectors",
        _ => "children",
    };

    /// <summary>Every report counter (zero where nothing happened), others counted, and the sums over levels.</summary>
    private static SortedDictionary<string, long> TrendCounters(Dictionary<string, long>? counted)
    {
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in Counters.AllReportCounters)
        {
            counters[counter] = 0;
        }

        foreach (var (counter, value) in counted ?? [])
        {
            counters[counter] = value;
        }

        foreach (var family in new[] { "report.adopted", "report.forwarded", "report.endorsed" })
        {
            counters[family + ".*"] = counters.Where(c => c.Key.StartsWith(family + ".", StringComparison.Ordinal) && !c.Key.EndsWith(".*", StringComparison.Ordinal)).Sum(c => c.Value);
        }

        return counters;
    }
}

/// <summary>A ranking as answered: what was ranked, under which rules, with the tie order stated.</summary>
public sealed record RankingResult(
    object Unit,
    int Year,
    DateOnly? AsOf,
    bool Live,
    object Assessor,
    string Of,
    string By,
    bool PerCapita,
    object Rules,
    string TieOrder,
    IReadOnlyList<RankingRow> Rows);
