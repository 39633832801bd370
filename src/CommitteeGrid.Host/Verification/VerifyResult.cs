using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Host.Verification;

/// <summary>Every rollup of a subtree compared with the ledger's own aggregation for one year.</summary>
public sealed record VerifyResult(
    string Unit,
    int Year,
    int UnitsChecked,
    long LedgerEntries,
    int Attempts,
    double ElapsedMs,
    IReadOnlyList<TallyDifference> Differences)
{
    public bool Ok => Differences.Count == 0;
}
