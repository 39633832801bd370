namespace CommitteeGrid.Domain.Tallies;

/// <summary>A counter where a rollup and the ledger's own aggregation disagree.</summary>
public sealed record TallyDifference(string Unit, string Counter, long Rollup, long Ledger);

public static class TallyComparison
{
    /// <summary>Every counter that differs between the two, in counter order (missing means zero).</summary>
    public static IEnumerable<TallyDifference> Compare(string unit, IReadOnlyDictionary<string, long> rollup, IReadOnlyDictionary<string, long> ledger)
    {
        foreach (var counter in rollup.Keys.Union(ledger.Keys).Order(StringComparer.Ordinal))
        {
            var a = rollup.GetValueOrDefault(counter);
            var b = ledger.GetValueOrDefault(counter);
            if (a != b)
            {
                yield return new TallyDifference(unit, counter, a, b);
            }
        }
    }
}
