namespace CommitteeGrid.Domain.Scoring;

/// <summary>
/// Figures of every unit of a subtree from the ledger's sums per member path: each member's counts are
/// added to every unit named in its path from the subtree's root down, so a unit's figure is the sum
/// of its members', as a rollup's is.
/// </summary>
public sealed class SubtreeFigures
{
    private static readonly IReadOnlyDictionary<string, long> None = new Dictionary<string, long>();
    private readonly Dictionary<string, Dictionary<string, long>> _byUnit = new(StringComparer.Ordinal);

    public SubtreeFigures(string rootPath, IReadOnlyDictionary<string, Dictionary<string, long>> byMemberPath)
    {
        var rootDepth = rootPath.Count(c => c == '/');
        foreach (var (path, counters) in byMemberPath)
        {
            var codes = path.Split('/');
            for (var depth = rootDepth; depth < codes.Length; depth++)
            {
                var sums = _byUnit.TryGetValue(codes[depth], out var s) ? s : _byUnit[codes[depth]] = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (counter, value) in counters)
                {
                    sums[counter] = sums.GetValueOrDefault(counter) + value;
                }
            }
        }
    }

    /// <summary>A unit's (or member's) counts; empty when nothing was counted under it.</summary>
    public IReadOnlyDictionary<string, long> Of(string code) => _byUnit.TryGetValue(code, out var c) ? c : None;
}
