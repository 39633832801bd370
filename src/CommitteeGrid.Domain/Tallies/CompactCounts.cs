using System.Collections;
using System.Diagnostics.CodeAnalysis;
using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Domain.Tallies;

/// <summary>
/// A child's counts as a rollup keeps them: one array, read by walking it. A member holds one such set
/// per report that credited it (hundreds of thousands in a big network), mostly one or two counters
/// each, where a dictionary would cost three times the memory for lookups nobody makes.
/// </summary>
public sealed class CompactCounts : IReadOnlyDictionary<TallyKey, long>
{
    private readonly KeyValuePair<TallyKey, long>[] _items;

    private CompactCounts(KeyValuePair<TallyKey, long>[] items) => _items = items;

    public static IReadOnlyDictionary<TallyKey, long> From(IReadOnlyDictionary<TallyKey, long> counts) =>
        counts as CompactCounts ?? new CompactCounts([.. counts]);

    public int Count => _items.Length;

    public IEnumerable<TallyKey> Keys => _items.Select(i => i.Key);

    public IEnumerable<long> Values => _items.Select(i => i.Value);

    public long this[TallyKey key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key.ToString());

    public bool ContainsKey(TallyKey key) => TryGetValue(key, out _);

    public bool TryGetValue(TallyKey key, [MaybeNullWhen(false)] out long value)
    {
        foreach (var item in _items)
        {
            if (item.Key == key)
            {
                value = item.Value;
                return true;
            }
        }

        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<TallyKey, long>> GetEnumerator() => ((IEnumerable<KeyValuePair<TallyKey, long>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
