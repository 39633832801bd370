namespace CommitteeGrid.Bench;

/// <summary>
/// Which of a silo's log lines the benchmark shows: warnings and errors with their indented message
/// lines, the first few of each kind in full. A cold start on a large ledger can raise the same warning
/// a thousand times; past the first few they are counted and summed up when the run ends.
/// </summary>
public sealed class HostLogEcho(TextWriter output, int shownPerKind = 5)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    // Per silo: whether its indented lines belong to an entry being shown (several silos log at once).
    private readonly Dictionary<int, bool> _showing = [];

    /// <summary>Takes one line of a silo's standard output and shows it if it is worth seeing.</summary>
    public void Line(int silo, string line)
    {
        lock (_gate)
        {
            bool show;
            if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                var seen = _seen[line] = _seen.GetValueOrDefault(line) + 1;
                show = seen <= shownPerKind;
            }
            else
            {
                show = line.StartsWith("      ", StringComparison.Ordinal) && _showing.GetValueOrDefault(silo);
            }

            _showing[silo] = show;
            if (show)
            {
                output.WriteLine("host: " + line);
            }
        }
    }

    /// <summary>How many of each kind were not shown, one line per kind.</summary>
    public IReadOnlyList<string> Suppressed()
    {
        lock (_gate)
        {
            return [.. _seen.Where(s => s.Value > shownPerKind).Select(s => $"host: {s.Value - shownPerKind:N0} more of \"{s.Key}\" not shown ({s.Value:N0} in all)")];
        }
    }
}
