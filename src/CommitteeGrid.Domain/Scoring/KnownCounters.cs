using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Domain.Scoring;

/// <summary>The counters scoring rules may name: every counter the network credits.</summary>
public static class KnownCounters
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(
        Counters.AllReportCounters.Concat(ProposalCounters.All).Concat(DutyCounters.All), StringComparer.Ordinal);

    public static bool IsKnown(string counter) => All.Contains(counter);
}
