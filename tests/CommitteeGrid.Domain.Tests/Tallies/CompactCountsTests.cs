using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Tests.Tallies;

public sealed class CompactCountsTests
{
    private static readonly TallyKey Submitted = new(2026, "report.submitted");
    private static readonly TallyKey Adopted = new(2026, "report.adopted.county");

    [Fact]
    public void Holds_the_same_counts_as_the_dictionary_it_was_made_from()
    {
        var source = new Dictionary<TallyKey, long> { [Submitted] = 3, [Adopted] = 1 };

        var compact = CompactCounts.From(source);

        Assert.Equal(2, compact.Count);
        Assert.Equal(source.OrderBy(c => c.Key.Counter), compact.OrderBy(c => c.Key.Counter));
        Assert.Equal(3, compact[Submitted]);
        Assert.True(compact.TryGetValue(new TallyKey(2026, "report." + "adopted.county"), out var adopted));
        Assert.Equal(1, adopted);
        Assert.False(compact.ContainsKey(new TallyKey(2027, "report.submitted")));
        Assert.Throws<KeyNotFoundException>(() => compact[new TallyKey(2026, "report.declined.city")]);
        Assert.Same(compact, CompactCounts.From(compact));
    }

    [Fact]
    public void A_rollup_keeps_its_children_compact_and_its_sums_unchanged()
    {
        var rollup = new RollupState();
        rollup.Apply(new TallySnapshot("report/a", 1, new Dictionary<TallyKey, long> { [Submitted] = 1 }));
        rollup.Apply(new TallySnapshot("report/a", 2, new Dictionary<TallyKey, long> { [Submitted] = 1, [Adopted] = 1 }));
        rollup.Apply(new TallySnapshot("report/b", 1, new Dictionary<TallyKey, long> { [Submitted] = 1 }));

        Assert.All(rollup.Children.Values, c => Assert.IsType<CompactCounts>(c.Counts));
        Assert.Equal(2, rollup.Total[Submitted]);
        Assert.Equal(1, rollup.Total[Adopted]);
        Assert.Equal(3, rollup.Version);
    }
}
