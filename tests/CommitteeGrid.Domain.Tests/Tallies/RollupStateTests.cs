using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Tests.Tallies;

/// <summary>
/// The rollup arithmetic: newest cumulative copy per child, summed. Loss, repetition and reordering of
/// copies must not change the result.
/// </summary>
public sealed class RollupStateTests
{
    private static TallySnapshot Snap(string child, long version, params (int Year, string Counter, long Count)[] counts) =>
        new(child, version, counts.ToDictionary(c => new TallyKey(c.Year, c.Counter), c => c.Count));

    private static long Count(RollupState state, int year, string counter) =>
        state.Total.GetValueOrDefault(new TallyKey(year, counter));

    [Fact]
    public void An_empty_rollup_has_nothing()
    {
        var state = new RollupState();

        Assert.Equal(0, state.Version);
        Assert.Equal(0, state.ChildCount);
        Assert.Empty(state.Total);
        Assert.Empty(state.ForYear("U", 2026).Counters);
    }

    [Fact]
    public void Children_are_summed_and_versions_added()
    {
        var state = new RollupState();

        Assert.True(state.Apply(Snap("a", 3, (2026, "report.submitted", 2))));
        Assert.True(state.Apply(Snap("b", 5, (2026, "report.submitted", 1), (2026, "report.adopted.county", 1))));

        Assert.Equal(8, state.Version);
        Assert.Equal(2, state.ChildCount);
        Assert.Equal(3, Count(state, 2026, "report.submitted"));
        Assert.Equal(1, Count(state, 2026, "report.adopted.county"));
    }

    [Fact]
    public void A_newer_version_replaces_the_childs_copy()
    {
        var state = new RollupState();
        state.Apply(Snap("a", 1, (2026, "report.submitted", 1)));
        state.Apply(Snap("b", 2, (2026, "report.submitted", 4)));

        Assert.True(state.Apply(Snap("a", 4, (2026, "report.submitted", 3), (2026, "report.adopted.city", 1))));

        // Replaced, not added: 3 + 4, not 1 + 3 + 4.
        Assert.Equal(7, Count(state, 2026, "report.submitted"));
        Assert.Equal(1, Count(state, 2026, "report.adopted.city"));
        Assert.Equal(6, state.Version);
        Assert.Equal(4, state.Children["a"].Version);
    }

    [Fact]
    public void An_older_or_equal_version_is_ignored()
    {
        var state = new RollupState();
        state.Apply(Snap("a", 5, (2026, "report.submitted", 5)));

        Assert.False(state.Apply(Snap("a", 5, (2026, "report.submitted", 99))));
        Assert.False(state.Apply(Snap("a", 4, (2026, "report.submitted", 4))));
        Assert.False(state.Apply(Snap("a", 0, (2026, "report.submitted", 1))));

        Assert.Equal(5, Count(state, 2026, "report.submitted"));
        Assert.Equal(5, state.Version);
        Assert.Equal(1, state.ChildCount);
    }

    [Fact]
    public void Zero_counts_vanish_from_the_total()
    {
        var state = new RollupState();
        state.Apply(Snap("a", 1, (2026, "report.declined.county", 1), (2026, "report.submitted", 1)));
        state.Apply(Snap("b", 1, (2026, "report.submitted", 1), (2026, "report.returned.city", 0)));

        // Child a's newer copy no longer has the decline (e.g. a correction); nor does anything else.
        state.Apply(Snap("a", 2, (2026, "report.submitted", 1)));

        Assert.False(state.Total.ContainsKey(new TallyKey(2026, "report.declined.county")));
        Assert.False(state.Total.ContainsKey(new TallyKey(2026, "report.returned.city")));
        Assert.Equal(["report.submitted"], state.ForYear("U", 2026).Counters.Keys);
        Assert.Equal(2, Count(state, 2026, "report.submitted"));
    }

    [Fact]
    public void ForYear_shows_only_that_year_in_counter_order()
    {
        var state = new RollupState();
        state.Apply(Snap("a", 2, (2025, "report.submitted", 7), (2026, "report.submitted", 1), (2026, "report.adopted.county", 1)));
        state.Apply(Snap("b", 1, (2027, "report.forwarded.city", 2)));

        var tally = state.ForYear("420607", 2026);

        Assert.Equal("420607", tally.Code);
        Assert.Equal(2026, tally.Year);
        Assert.Equal(3, tally.Version);
        Assert.Equal(["report.adopted.county", "report.submitted"], tally.Counters.Keys);
        Assert.Equal([1L, 1], tally.Counters.Values);
        Assert.Equal(7, state.ForYear("420607", 2025).Counters["report.submitted"]);
        Assert.Empty(state.ForYear("420607", 2024).Counters);
    }

    [Fact]
    public void A_snapshot_is_a_copy_that_later_changes_do_not_touch()
    {
        var state = new RollupState();
        state.Apply(Snap("a", 1, (2026, "report.submitted", 1)));
        var snapshot = state.Snapshot("420607");

        state.Apply(Snap("a", 2, (2026, "report.submitted", 5)));
        state.Apply(Snap("b", 1, (2026, "report.adopted.county", 1)));

        Assert.Equal("420607", snapshot.ChildKey);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(1, snapshot.Counts[new TallyKey(2026, "report.submitted")]);
        Assert.Single(snapshot.Counts);
    }

    [Fact]
    public void A_rollup_of_rollups_sees_newer_versions_whenever_a_grandchild_moves()
    {
        // county ← two members; city ← county. The county's version grows with every member change.
        var county = new RollupState();
        var city = new RollupState();
        county.Apply(Snap("m1", 1, (2026, "report.submitted", 1)));
        Assert.True(city.Apply(county.Snapshot("county")));
        county.Apply(Snap("m2", 1, (2026, "report.submitted", 1)));
        Assert.True(city.Apply(county.Snapshot("county")));
        county.Apply(Snap("m1", 2, (2026, "report.submitted", 1), (2026, "report.adopted.county", 1)));
        var latest = county.Snapshot("county");
        Assert.True(city.Apply(latest));

        // An older county copy arriving late is ignored.
        Assert.False(city.Apply(Snap("county", 1, (2026, "report.submitted", 1))));
        Assert.Equal(latest.Version, city.Version);
        Assert.Equal(2, Count(city, 2026, "report.submitted"));
        Assert.Equal(1, Count(city, 2026, "report.adopted.county"));
    }

    /// <summary>
    /// A random history per child: cumulative copies v1..vn whose counts only grow (and occasionally
    /// drop a counter to zero, as a correction would), over a few years.
    /// </summary>
    private static List<TallySnapshot> History(Random random, string child)
    {
        string[] counters = ["report.submitted", "report.adopted.county", "report.forwarded.city", "report.endorsed.city"];
        var counts = new Dictionary<TallyKey, long>();
        var copies = new List<TallySnapshot>();
        var version = 0L;
        var n = random.Next(1, 8);
        for (var i = 0; i < n; i++)
        {
            // Versions need not be consecutive: a member's credit skips entries that credit nothing.
            version += random.Next(1, 4);
            var key = new TallyKey(random.Next(2025, 2028), counters[random.Next(counters.Length)]);
            counts[key] = random.Next(10) == 0 ? 0 : counts.GetValueOrDefault(key) + random.Next(1, 4);
            copies.Add(new TallySnapshot(child, version, new Dictionary<TallyKey, long>(counts)));
        }

        return copies;
    }

    private static Dictionary<TallyKey, long> Expected(IEnumerable<TallySnapshot> newest)
    {
        var sum = new Dictionary<TallyKey, long>();
        foreach (var copy in newest)
        {
            foreach (var (key, value) in copy.Counts)
            {
                sum[key] = sum.GetValueOrDefault(key) + value;
            }
        }

        return sum.Where(p => p.Value != 0).ToDictionary();
    }

    [Fact]
    public void Duplicates_loss_of_old_copies_and_reordering_end_at_the_newest_sum()
    {
        var random = new Random(20260302);
        for (var run = 0; run < 500; run++)
        {
            var children = Enumerable.Range(0, random.Next(1, 6)).Select(i => $"c{i}").ToList();
            var histories = children.ToDictionary(c => c, c => History(random, c));
            var newest = histories.Values.Select(h => h[^1]).ToList();

            // Every copy, some repeated up to three times, in a random order; old copies sometimes lost.
            var deliveries = histories.Values
                .SelectMany(h => h.Select((copy, i) => (copy, last: i == h.Count - 1)))
                .Where(d => d.last || random.Next(4) != 0)
                .SelectMany(d => Enumerable.Repeat(d.copy, random.Next(1, 4)))
                .ToArray();
            random.Shuffle(deliveries);

            var messy = new RollupState();
            foreach (var copy in deliveries)
            {
                messy.Apply(copy);
            }

            var clean = new RollupState();
            foreach (var copy in newest)
            {
                clean.Apply(copy);
            }

            var expected = Expected(newest);
            Assert.Equal(expected.OrderBy(p => p.Key.ToString()), messy.Total.OrderBy(p => p.Key.ToString()));
            Assert.Equal(expected.OrderBy(p => p.Key.ToString()), clean.Total.OrderBy(p => p.Key.ToString()));
            Assert.Equal(newest.Sum(c => c.Version), messy.Version);
            Assert.Equal(clean.Version, messy.Version);
            Assert.Equal(children.Count, messy.ChildCount);
            // The copy held for each child is the newest one (kept in a compact form: same version, same counts).
            Assert.All(newest, c =>
            {
                var held = messy.Children[c.ChildKey];
                Assert.Equal(c.Version, held.Version);
                Assert.Equal(c.Counts.OrderBy(p => p.Key.ToString()), held.Counts.OrderBy(p => p.Key.ToString()));
            });
            Assert.DoesNotContain(messy.Total.Values, v => v == 0);
            foreach (var year in new[] { 2025, 2026, 2027 })
            {
                Assert.Equal(clean.ForYear("U", year).Counters, messy.ForYear("U", year).Counters);
            }
        }
    }
}
