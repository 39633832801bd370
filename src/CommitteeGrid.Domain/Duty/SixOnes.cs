using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Domain.Duty;

/// <summary>
/// The "six ones" (六个一) a member owes each year: one inspection, one proposal (as lead or co-signer),
/// one information report, one household contact, one practical deed, one report-back to the group.
/// Read from the member's counters for the year, so it is never out of step with them.
/// </summary>
public static class SixOnes
{
    public const string Inspection = "inspection";
    public const string Proposal = "proposal";
    public const string Report = "report";
    public const string Household = "household";
    public const string Deed = "deed";
    public const string ReportBack = "reportback";

    /// <summary>Each item and the counters that fulfil it.</summary>
    public static IReadOnlyList<(string Item, string[] Counters)> Items { get; } =
    [
        (Inspection, [DutyCounters.Inspection]),
        (Proposal, [ProposalCounters.Submitted, ProposalCounters.Cosigned]),
        (Report, [Counters.ReportSubmitted]),
        (Household, [DutyCounters.HouseholdContact]),
        (Deed, [DutyCounters.PracticalDeed]),
        (ReportBack, [DutyCounters.ReportBack]),
    ];

    public static SixOnesProgress Of(string member, int year, IReadOnlyDictionary<string, long> counters)
    {
        var items = new Dictionary<string, long>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (item, names) in Items)
        {
            var count = names.Sum(n => counters.GetValueOrDefault(n));
            items[item] = count;
            if (count <= 0)
            {
                missing.Add(item);
            }
        }

        return new SixOnesProgress(member, year, items, missing);
    }
}
