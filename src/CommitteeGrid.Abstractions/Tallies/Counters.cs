using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>
/// Names of the counted events (piece-times, 篇次). A report adopted by the city and forwarded to the
/// national committee counts once in each column.
/// </summary>
public static class Counters
{
    public const string ReportSubmitted = "report.submitted";

    /// <summary>Adopted (采用/编发) by the committee of this level.</summary>
    public static string ReportAdopted(CommitteeLevel level) => $"report.adopted.{level.Key()}";

    /// <summary>Forwarded (转报) up to the committee of this level.</summary>
    public static string ReportForwarded(CommitteeLevel toLevel) => $"report.forwarded.{toLevel.Key()}";

    /// <summary>Endorsed by a leader (领导批示) at this level; once per report and level.</summary>
    public static string ReportEndorsed(CommitteeLevel level) => $"report.endorsed.{level.Key()}";

    public static string ReportDeclined(CommitteeLevel level) => $"report.declined.{level.Key()}";

    public static string ReportReturned(CommitteeLevel level) => $"report.returned.{level.Key()}";

    /// <summary>Every report counter, for documentation and for zero-filled views.</summary>
    public static IReadOnlyList<string> AllReportCounters { get; } = BuildAll();

    private static List<string> BuildAll()
    {
        var all = new List<string> { ReportSubmitted };
        foreach (var level in CommitteeLevels.All)
        {
            all.Add(ReportAdopted(level));
            if (level != CommitteeLevel.County)
            {
                all.Add(ReportForwarded(level));
            }

            all.Add(ReportEndorsed(level));
            all.Add(ReportDeclined(level));
            all.Add(ReportReturned(level));
        }

        return all;
    }
}
