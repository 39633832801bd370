using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Scoring;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// A committee's year-end bulletin (通报): where each of its units and members stands with information
/// reports (submitted, adopted and forwarded at each level, endorsed), their scores under the
/// committee's rules, and the rankings of units, members, parties and sectors.
/// </summary>
public sealed record Bulletin(
    BulletinCommittee Committee,
    int Year,
    DateOnly? AsOf,
    bool Live,
    DateTimeOffset GeneratedAt,
    object Rules,
    string RulesName,
    string TieOrder,
    IReadOnlyList<BulletinColumn> Columns,
    IReadOnlyList<BulletinRow> Units,
    IReadOnlyList<BulletinRow> Members,
    IReadOnlyList<RankingRow> Parties,
    IReadOnlyList<RankingRow> Sectors)
{
    /// <summary>The adoption status columns, in order: what was submitted, then what each level did with it.</summary>
    public static IReadOnlyList<BulletinColumn> StatusColumns { get; } =
    [
        new(Counters.ReportSubmitted, "报送"),
        new(Counters.ReportAdopted(CommitteeLevel.County), "县级采用"),
        new(Counters.ReportAdopted(CommitteeLevel.City), "市级采用"),
        new(Counters.ReportAdopted(CommitteeLevel.Province), "省级采用"),
        new(Counters.ReportAdopted(CommitteeLevel.National), "全国政协采用"),
        new(Counters.ReportForwarded(CommitteeLevel.City), "报送市级"),
        new(Counters.ReportForwarded(CommitteeLevel.Province), "报送省级"),
        new(Counters.ReportForwarded(CommitteeLevel.National), "报送全国政协"),
        new(Counters.ReportEndorsed(CommitteeLevel.County), "县级领导批示"),
        new(Counters.ReportEndorsed(CommitteeLevel.City), "市级领导批示"),
        new(Counters.ReportEndorsed(CommitteeLevel.Province), "省级领导批示"),
        new(Counters.ReportEndorsed(CommitteeLevel.National), "全国领导批示"),
    ];
}

public sealed record BulletinCommittee(string Code, string Name, CommitteeLevel Level);

/// <summary>A status column: the counter it shows and its heading.</summary>
public sealed record BulletinColumn(string Counter, string Label);

/// <summary>
/// One unit or member: its rank by score among the bulletin's units (or members), where it sits,
/// its status counts (one per column) and its score and grade.
/// </summary>
public sealed record BulletinRow(
    int Rank,
    string Code,
    string Name,
    string Kind,
    string? Group,
    string? Party,
    string? Sector,
    int Members,
    IReadOnlyDictionary<string, long> Status,
    decimal Score,
    Grade? Grade);
