using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Domain.Telemetry;

namespace CommitteeGrid.Storage.Memory;

/// <summary>
/// The embedded default's ledger: held in this process, gone when it ends. Same contract as the
/// PostgreSQL ledger (unique idempotency keys, unique stream versions), so the grains cannot tell them apart.
/// </summary>
public sealed class MemoryLedger(CommitteeGridMetrics? metrics = null) : ILedger
{
    private readonly Lock _lock = new();
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<string, LedgerEntry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LedgerEntry>> _byStream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LedgerEntry>> _byMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _bySubject = new(StringComparer.Ordinal);

    // Credited members in path order, so a subtree is a range: a group's heal reads its own members, not
    // every member credited so far (at the national size that scan, once per group, took minutes).
    private readonly SortedSet<(string Path, string Member)> _membersByPath = new(MemberPathOrder.Instance);
    private readonly HashSet<string> _indexedMembers = new(StringComparer.Ordinal);

    public Task<AppendOutcome> AppendAsync(LedgerEntry entry, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_byKey.TryGetValue(entry.IdempotencyKey, out var existing))
            {
                return Task.FromResult(AppendOutcome.Duplicate(existing));
            }

            var stream = _byStream.TryGetValue(entry.Stream, out var list) ? list : _byStream[entry.Stream] = [];
            var expected = stream.Count == 0 ? 1 : stream[^1].Version + 1;
            if (entry.Version != expected)
            {
                return Task.FromResult(AppendOutcome.Conflict());
            }

            var stored = entry with { Seq = _entries.Count + 1 };
            _entries.Add(stored);
            _byKey[stored.IdempotencyKey] = stored;
            stream.Add(stored);
            foreach (var delta in stored.Deltas.DistinctBy(d => d.Member))
            {
                (_byMember.TryGetValue(delta.Member, out var m) ? m : _byMember[delta.Member] = []).Add(stored);
                if (_indexedMembers.Add(delta.Member))
                {
                    _membersByPath.Add((delta.Path, delta.Member));
                }
            }

            if (stored.Subject is not null)
            {
                (_bySubject.TryGetValue(stored.Subject, out var s) ? s : _bySubject[stored.Subject] = []).Add(stored.Stream);
            }

            if (metrics is not null)
            {
                // In memory each append is its own "batch".
                metrics.CommandAccepted(stored.Kind);
                metrics.BatchCommitted(1);
                metrics.Appended(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            return Task.FromResult(AppendOutcome.Appended(stored.Seq));
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadStreamAsync(string stream, long afterVersion, CancellationToken ct = default)
    {
        lock (_lock)
        {
            IReadOnlyList<LedgerEntry> found = _byStream.TryGetValue(stream, out var list)
                ? [.. list.Where(e => e.Version > afterVersion)]
                : [];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<TallySnapshot>> ReadMemberContributionsAsync(string member, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_byMember.TryGetValue(member, out var entries))
            {
                return Task.FromResult<IReadOnlyList<TallySnapshot>>([]);
            }

            var result = new List<TallySnapshot>();
            foreach (var stream in entries.GroupBy(e => e.Stream))
            {
                var counts = new Dictionary<TallyKey, long>();
                foreach (var d in stream.SelectMany(e => e.Deltas).Where(d => d.Member == member))
                {
                    var key = new TallyKey(d.Year, d.Counter);
                    counts[key] = counts.GetValueOrDefault(key) + d.Delta;
                }

                result.Add(new TallySnapshot(stream.Key, stream.Max(e => e.Version), counts));
            }

            return Task.FromResult<IReadOnlyList<TallySnapshot>>(result);
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadMemberVersionsAsync(string subtreePath, CancellationToken ct = default) =>
        (await ReadMemberTalliesAsync(subtreePath, ct)).ToDictionary(t => t.ChildKey, t => t.Version, StringComparer.Ordinal);

    public Task<IReadOnlyList<TallySnapshot>> ReadMemberTalliesAsync(string subtreePath, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var result = new List<TallySnapshot>();
            // From the path itself up to path + "0" ('0' follows '/'): the path, its subtree, and look-alikes
            // such as "G1-x" that the filter drops.
            var members = _membersByPath
                .GetViewBetween((subtreePath, ""), (subtreePath + "0", ""))
                .Where(m => m.Path == subtreePath || m.Path.StartsWith(subtreePath + "/", StringComparison.Ordinal))
                .Select(m => m.Member);
            foreach (var member in members)
            {
                var entries = _byMember[member];

                var counts = new Dictionary<TallyKey, long>();
                var lastPerStream = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var entry in entries)
                {
                    lastPerStream[entry.Stream] = entry.Version;
                    foreach (var d in entry.Deltas.Where(d => d.Member == member))
                    {
                        var key = new TallyKey(d.Year, d.Counter);
                        counts[key] = counts.GetValueOrDefault(key) + d.Delta;
                    }
                }

                result.Add(new TallySnapshot(member, lastPerStream.Values.Sum(), counts));
            }

            return Task.FromResult<IReadOnlyList<TallySnapshot>>(result);
        }
    }

    public Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberAsync(string subtreePath, int year, CancellationToken ct = default) =>
        Aggregate(subtreePath, year, _ => true, (e, d) => d.Path);

    public Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberBeforeAsync(string subtreePath, int year, DateTimeOffset before, CancellationToken ct = default) =>
        Aggregate(subtreePath, year, e => e.OccurredAt < before, (e, d) => d.Path);

    public Task<IReadOnlyDictionary<int, Dictionary<string, long>>> AggregateByMonthAsync(string subtreePath, int year, CancellationToken ct = default) =>
        Aggregate(subtreePath, year, _ => true, (e, d) => CivilTime.ToChina(e.OccurredAt).Month);

    private Task<IReadOnlyDictionary<TKey, Dictionary<string, long>>> Aggregate<TKey>(string subtreePath, int year, Func<LedgerEntry, bool> include, Func<LedgerEntry, TallyDelta, TKey> keyOf)
        where TKey : notnull
    {
        lock (_lock)
        {
            var result = new Dictionary<TKey, Dictionary<string, long>>();
            foreach (var entry in _entries.Where(include))
            {
                foreach (var d in entry.Deltas)
                {
                    if (d.Year != year || !(d.Path == subtreePath || d.Path.StartsWith(subtreePath + "/", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    var key = keyOf(entry, d);
                    var counters = result.TryGetValue(key, out var c) ? c : result[key] = new Dictionary<string, long>(StringComparer.Ordinal);
                    counters[d.Counter] = counters.GetValueOrDefault(d.Counter) + d.Delta;
                }
            }

            return Task.FromResult<IReadOnlyDictionary<TKey, Dictionary<string, long>>>(result);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> StreamsForSubjectAsync(string subject, CancellationToken ct = default)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<string, long> result = _bySubject.TryGetValue(subject, out var streams)
                ? streams.ToDictionary(s => s, s => _byStream[s][^1].Version, StringComparer.Ordinal)
                : new Dictionary<string, long>();
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var found = new List<LedgerEntry>();
            for (var i = _entries.Count - 1; i >= 0 && found.Count < query.Limit; i--)
            {
                if (query.Covers(_entries[i]))
                {
                    found.Add(_entries[i] with { Deltas = [] });
                }
            }

            return Task.FromResult<IReadOnlyList<LedgerEntry>>(found);
        }
    }

    public Task<long> CountAsync(CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_entries.Count);
        }
    }

    /// <summary>Ordinal by path, then by member code.</summary>
    private sealed class MemberPathOrder : IComparer<(string Path, string Member)>
    {
        public static readonly MemberPathOrder Instance = new();

        public int Compare((string Path, string Member) x, (string Path, string Member) y)
        {
            var byPath = string.CompareOrdinal(x.Path, y.Path);
            return byPath != 0 ? byPath : string.CompareOrdinal(x.Member, y.Member);
        }
    }
}
