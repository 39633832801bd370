using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Grains.Units;

/// <summary>
/// A rollup's persisted state: its children's newest tallies (the sum is recomputed on load). Plain
/// lists of plain fields, so any grain-storage serializer (the default one is JSON) can round-trip it
/// and a row in the database reads as what it is.
/// </summary>
[GenerateSerializer, Alias("cg.RollupSnapshot")]
public sealed class RollupSnapshot
{
    [Id(0)]
    public List<StoredChild> Children { get; set; } = [];

    public static List<StoredChild> From(IEnumerable<TallySnapshot> children) =>
    [
        .. children.Select(c => new StoredChild
        {
            Key = c.ChildKey,
            Version = c.Version,
            Counts = [.. c.Counts.Select(kv => new StoredCount { Year = kv.Key.Year, Counter = kv.Key.Counter, Value = kv.Value })],
        }),
    ];

    public IEnumerable<TallySnapshot> ToSnapshots() => Children.Select(c =>
        new TallySnapshot(c.Key, c.Version, c.Counts.ToDictionary(n => new TallyKey(n.Year, n.Counter), n => n.Value)));
}

[GenerateSerializer, Alias("cg.StoredChild")]
public sealed class StoredChild
{
    [Id(0)]
    public string Key { get; set; } = "";

    [Id(1)]
    public long Version { get; set; }

    [Id(2)]
    public List<StoredCount> Counts { get; set; } = [];
}

[GenerateSerializer, Alias("cg.StoredCount")]
public sealed class StoredCount
{
    [Id(0)]
    public int Year { get; set; }

    [Id(1)]
    public string Counter { get; set; } = "";

    [Id(2)]
    public long Value { get; set; }
}
