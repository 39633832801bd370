using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Tests.Tallies;

/// <summary>The check that a rollup equals the ledger's own aggregation.</summary>
public sealed class TallyComparisonTests
{
    [Fact]
    public void Equal_tallies_have_no_differences()
    {
        var counts = new Dictionary<string, long> { ["report.submitted"] = 3, ["report.adopted.city"] = 1 };

        Assert.Empty(TallyComparison.Compare("420607", counts, new Dictionary<string, long>(counts)));
    }

    [Fact]
    public void A_missing_counter_is_zero()
    {
        var rollup = new Dictionary<string, long> { ["report.submitted"] = 3, ["report.declined.county"] = 0 };
        var ledger = new Dictionary<string, long> { ["report.submitted"] = 3, ["report.returned.city"] = 0 };

        Assert.Empty(TallyComparison.Compare("420607", rollup, ledger));
    }

    [Fact]
    public void Every_difference_is_listed_in_counter_order()
    {
        var rollup = new Dictionary<string, long> { ["report.submitted"] = 3, ["report.adopted.county"] = 2, ["report.endorsed.city"] = 1 };
        var ledger = new Dictionary<string, long> { ["report.submitted"] = 4, ["report.adopted.county"] = 2, ["report.forwarded.city"] = 1 };

        var differences = TallyComparison.Compare("420607", rollup, ledger).ToList();

        Assert.Equal(
            [
                new TallyDifference("420607", "report.endorsed.city", 1, 0),
                new TallyDifference("420607", "report.forwarded.city", 0, 1),
                new TallyDifference("420607", "report.submitted", 3, 4),
            ],
            differences);
    }

    [Fact]
    public void Counter_order_is_ordinal()
    {
        var rollup = new Dictionary<string, long> { ["b"] = 1, ["B"] = 1, ["a"] = 1 };

        Assert.Equal(["B", "a", "b"], TallyComparison.Compare("U", rollup, new Dictionary<string, long>()).Select(d => d.Counter));
    }

    [Fact]
    public void Compares_a_rollup_year_with_the_same_year_of_the_ledger()
    {
        var total = new Dictionary<TallyKey, long>
        {
            [new(2026, "report.submitted")] = 2,
            [new(2027, "report.submitted")] = 5,
        };
        var state = new RollupState();
        state.Apply(new TallySnapshot("m1", 1, total));

        Assert.Empty(TallyComparison.Compare("U", state.ForYear("U", 2026).Counters, RollupState.CountersOf(total, 2026)));
        Assert.Single(TallyComparison.Compare("U", state.ForYear("U", 2026).Counters, RollupState.CountersOf(total, 2027)));
    }
}
