using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Domain.Tallies;

/// <summary>
/// The arithmetic of a rollup: per child the newest cumulative tally, and their sum. A child's copy is
/// replaced only by a higher version, so repeats and reordering change nothing. The rollup's own
/// version is the sum of its children's versions: it grows whenever any child moves, needs no storage
/// of its own, and comes out the same however the state was rebuilt.
/// </summary>
public sealed class RollupState
{
    private readonly Dictionary<string, TallySnapshot> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<TallyKey, long> _total = [];

    public long Version { get; private set; }

    /// <summary>The ledger time of the newest change any child has brought (null while none said).</summary>
    public DateTimeOffset? LatestChange { get; private set; }

    public int ChildCount => _children.Count;

    public IReadOnlyDictionary<string, TallySnapshot> Children => _children;

    public IReadOnlyDictionary<TallyKey, long> Total => _total;

    /// <summary>Takes the child's copy if it is newer than the one held; true when anything changed.</summary>
    public bool Apply(TallySnapshot child)
    {
        if (_children.TryGetValue(child.ChildKey, out var held))
        {
            if (held.Version >= child.Version)
            {
                return false;
            }

            Add(held.Counts, -1);
            Version -= held.Version;
        }

        Add(child.Counts, +1);
        Version += child.Version;
        _children[child.ChildKey] = child.Counts is CompactCounts ? child : child with { Counts = CompactCounts.From(child.Counts) };
        if (child.ChangedAt is { } at && (LatestChange is null || at > LatestChange))
        {
            LatestChange = at;
        }

        return true;
    }

    public TallySnapshot Snapshot(string key) => new(key, Version, new Dictionary<TallyKey, long>(_total)) { ChangedAt = LatestChange };

    public UnitTally ForYear(string code, int year) => new(code, year, Version, CountersOf(_total, year));

    public static IReadOnlyDictionary<string, long> CountersOf(IReadOnlyDictionary<TallyKey, long> counts, int year)
    {
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in counts)
        {
            if (key.Year == year)
            {
                counters[key.Counter] = value;
            }
        }

        return counters;
    }

    private void Add(IReadOnlyDictionary<TallyKey, long> counts, int sign)
    {
        foreach (var (key, value) in counts)
        {
            var sum = _total.GetValueOrDefault(key) + (sign * value);
            if (sum == 0)
            {
                _total.Remove(key);
            }
            else
            {
                _total[key] = sum;
            }
        }
    }
}
