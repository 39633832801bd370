using System.Diagnostics;
using System.Threading.Channels;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Domain.Telemetry;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace CommitteeGrid.Storage.Postgres;

/// <summary>
/// The ledger in PostgreSQL. Appends from every grain of the silo queue here and are written many to a
/// transaction (one round trip for the entries, one for their counts), so durability costs one commit
/// per batch, not per command. A caller's task completes only after its batch has committed.
/// </summary>
public sealed class PostgresLedger : ILedger, IHostedService, IAsyncDisposable
{
    private const string EntryColumns = "seq, stream, version, kind, payload::text, idem_key, request_hash, actor_id, actor_role, actor_scope, actor_addr, occurred_at, subject";

    private readonly PostgresLedgerOptions _options;
    private readonly CommitteeGridMetrics? _metrics;
    private readonly NpgsqlDataSource _db;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly List<Task> _writers = [];
    private readonly ReadBatcher<(string Stream, long After), IReadOnlyList<LedgerEntry>> _streamReads;
    private readonly ReadBatcher<string, IReadOnlyList<TallySnapshot>> _memberReads;
    private readonly ReadBatcher<string, IReadOnlyList<TallySnapshot>> _subtreeReads;
    private readonly ReadBatcher<string, IReadOnlyDictionary<string, long>> _versionReads;

    public PostgresLedger(PostgresLedgerOptions options, CommitteeGridMetrics? metrics = null)
    {
        _options = options;
        _metrics = metrics;
        _db = NpgsqlDataSource.Create(options.ConnectionString);
        _streamReads = new(ReadStreams, _ => [], maxBatch: 500, readers: 2);
        _memberReads = new(ReadMembers, _ => [], maxBatch: 500, readers: 2);
        _subtreeReads = new(ReadSubtrees, _ => [], maxBatch: 200, readers: 2);
        _versionReads = new(ReadSubtreeVersions, _ => new Dictionary<string, long>(), maxBatch: 200, readers: 2);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Max(1, _options.Writers); i++)
        {
            _writers.Add(Task.Run(WriteLoop, CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what was queued: those callers are waiting for their acknowledgement.
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
        await _streamReads.DisposeAsync();
        await _memberReads.DisposeAsync();
        await _subtreeReads.DisposeAsync();
        await _versionReads.DisposeAsync();
        await _db.DisposeAsync();
    }

    public Task<AppendOutcome> AppendAsync(LedgerEntry entry, CancellationToken ct = default)
    {
        var pending = new Pending(entry, new TaskCompletionSource<AppendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The ledger is shutting down.");
        }

        return pending.Done.Task;
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadStreamAsync(string stream, long afterVersion, CancellationToken ct = default) =>
        _streamReads.Read((stream, afterVersion));

    private async Task<IReadOnlyDictionary<(string Stream, long After), IReadOnlyList<LedgerEntry>>> ReadStreams(IReadOnlyList<(string Stream, long After)> requests)
    {
        var streams = requests.Select(r => r.Stream).ToArray();
        var afters = requests.Select(r => r.After).ToArray();
        await using var batch = _db.CreateBatch();
        // One index lookup per stream asked for, whatever the planner believes: OFFSET 0 keeps each LATERAL
        // subquery from being flattened into a join. A plain join let it pick a hash join over a scan of
        // the whole ledger while its statistics lagged the fast-growing table (a peak on a young database:
        // 40,000 rows scanned for every batch of report activations, growing with the ledger).
        batch.BatchCommands.Add(Command($"""
            SELECT {EntryColumns}, q.a
            FROM unnest($1::text[], $2::bigint[]) AS q(s, a)
            CROSS JOIN LATERAL (SELECT * FROM cg_ledger WHERE stream = q.s AND version > q.a OFFSET 0) l
            ORDER BY l.stream, l.version
            """, streams, afters));
        // Counts are found through their entries' seq (indexed), not by stream, which no index of the tally leads with.
        batch.BatchCommands.Add(Command("""
            SELECT t.seq, t.member, t.path, t.year, t.counter, t.delta
            FROM unnest($1::text[], $2::bigint[]) AS q(s, a)
            CROSS JOIN LATERAL (SELECT seq FROM cg_ledger WHERE stream = q.s AND version > q.a OFFSET 0) l
            CROSS JOIN LATERAL (SELECT * FROM cg_ledger_tally WHERE seq = l.seq OFFSET 0) t
            """, streams, afters));
        await using var reader = await batch.ExecuteReaderAsync();
        var entries = new List<(LedgerEntry Entry, long After)>();
        while (await reader.ReadAsync())
        {
            entries.Add((ReadEntry(reader), reader.GetInt64(13)));
        }

        await reader.NextResultAsync();
        var deltas = new Dictionary<long, List<TallyDelta>>();
        while (await reader.ReadAsync())
        {
            var seq = reader.GetInt64(0);
            (deltas.TryGetValue(seq, out var list) ? list : deltas[seq] = []).Add(
                new TallyDelta(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return entries
            .GroupBy(e => (e.Entry.Stream, e.After))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LedgerEntry>)[.. g.Select(e => deltas.TryGetValue(e.Entry.Seq, out var d) ? e.Entry with { Deltas = d } : e.Entry)]);
    }

    public Task<IReadOnlyList<TallySnapshot>> ReadMemberContributionsAsync(string member, CancellationToken ct = default) =>
        _memberReads.Read(member);

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<TallySnapshot>>> ReadMembers(IReadOnlyList<string> members)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT member, stream, year, counter, sum(delta), max(max(version)) OVER (PARTITION BY member, stream)
            FROM cg_ledger_tally WHERE member = ANY($1)
            GROUP BY member, stream, year, counter
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = members.ToArray() });
        await using var reader = await cmd.ExecuteReaderAsync();
        var byMember = new Dictionary<string, Dictionary<string, (long Version, Dictionary<TallyKey, long> Counts)>>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var member = reader.GetString(0);
            var streams = byMember.TryGetValue(member, out var m) ? m : byMember[member] = new(StringComparer.Ordinal);
            var stream = reader.GetString(1);
            if (!streams.TryGetValue(stream, out var s))
            {
                s = streams[stream] = (reader.GetInt64(5), []);
            }

            s.Counts[new TallyKey(reader.GetInt32(2), CounterNames.Intern(reader.GetString(3)))] = reader.GetInt64(4);
        }

        return byMember.ToDictionary(
            m => m.Key,
            m => (IReadOnlyList<TallySnapshot>)[.. m.Value.Select(s => new TallySnapshot(s.Key, s.Value.Version, s.Value.Counts))],
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Batched like the other reads: a cold start of a national network heals some 50,000 activity groups
    /// within a minute, and one query each kept the connection pool full for minutes.
    /// </summary>
    public Task<IReadOnlyList<TallySnapshot>> ReadMemberTalliesAsync(string subtreePath, CancellationToken ct = default) =>
        _subtreeReads.Read(subtreePath);

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<TallySnapshot>>> ReadSubtrees(IReadOnlyList<string> subtrees)
    {
        // Per subtree and member: counts summed over its streams, and the sum over its streams of the last
        // crediting version. Each subtree is its own index range (path is COLLATE "C"; OFFSET 0 keeps the
        // LATERAL from being flattened into a join over the whole table).
        await using var cmd = _db.CreateCommand("""
            WITH rows AS (
                SELECT g.path AS subtree, t.member, t.stream, t.year, t.counter, sum(t.delta) AS total, max(t.version) AS last
                FROM unnest($1::text[]) AS g(path)
                CROSS JOIN LATERAL (
                    SELECT member, stream, year, counter, delta, version FROM cg_ledger_tally
                    WHERE path = g.path OR (path > g.path || '/' AND path < g.path || '0')
                    OFFSET 0) t
                GROUP BY g.path, t.member, t.stream, t.year, t.counter),
            versions AS (
                SELECT subtree, member, sum(last) AS version
                FROM (SELECT subtree, member, stream, max(last) AS last FROM rows GROUP BY subtree, member, stream) s
                GROUP BY subtree, member)
            SELECT r.subtree, r.member, r.year, r.counter, sum(r.total), v.version
            FROM rows r JOIN versions v USING (subtree, member)
            GROUP BY r.subtree, r.member, r.year, r.counter, v.version
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtrees.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync();
        var bySubtree = new Dictionary<string, Dictionary<string, (long Version, Dictionary<TallyKey, long> Counts)>>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var subtree = reader.GetString(0);
            var member = reader.GetString(1);
            if (!bySubtree.TryGetValue(subtree, out var members))
            {
                members = bySubtree[subtree] = new(StringComparer.Ordinal);
            }

            if (!members.TryGetValue(member, out var m))
            {
                m = members[member] = ((long)reader.GetDecimal(5), []);
            }

            m.Counts[new TallyKey(reader.GetInt32(2), CounterNames.Intern(reader.GetString(3)))] = (long)reader.GetDecimal(4);
        }

        return bySubtree.ToDictionary(
            s => s.Key,
            s => (IReadOnlyList<TallySnapshot>)[.. s.Value.Select(m => new TallySnapshot(m.Key, m.Value.Version, m.Value.Counts))],
            StringComparer.Ordinal);
    }

    /// <summary>
    /// What an activity group's periodic heal asks first: a member's version alone, summed the same way
    /// as in <see cref="ReadSubtrees"/>, without grouping and sending every counter of the year.
    /// </summary>
    public Task<IReadOnlyDictionary<string, long>> ReadMemberVersionsAsync(string subtreePath, CancellationToken ct = default) =>
        _versionReads.Read(subtreePath);

    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> ReadSubtreeVersions(IReadOnlyList<string> subtrees)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT g.path, t.member, sum(t.last)
            FROM unnest($1::text[]) AS g(path)
            CROSS JOIN LATERAL (
                SELECT member, stream, max(version) AS last FROM cg_ledger_tally
                WHERE path = g.path OR (path > g.path || '/' AND path < g.path || '0')
                GROUP BY member, stream) t
            GROUP BY g.path, t.member
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtrees.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync();
        var bySubtree = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var subtree = reader.GetString(0);
            if (!bySubtree.TryGetValue(subtree, out var members))
            {
                members = bySubtree[subtree] = new(StringComparer.Ordinal);
            }

            members[reader.GetString(1)] = (long)reader.GetDecimal(2);
        }

        return bySubtree.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, long>)s.Value, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberAsync(string subtreePath, int year, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT path, counter, sum(delta) FROM cg_ledger_tally
            WHERE year = $1 AND (path = $2 OR path LIKE $3)
            GROUP BY path, counter
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = year });
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtreePath });
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtreePath + "/%" });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var path = reader.GetString(0);
            var counters = result.TryGetValue(path, out var c) ? c : result[path] = new Dictionary<string, long>(StringComparer.Ordinal);
            counters[reader.GetString(1)] = reader.GetInt64(2);
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberBeforeAsync(string subtreePath, int year, DateTimeOffset before, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT t.path, t.counter, sum(t.delta)::bigint FROM cg_ledger_tally t JOIN cg_ledger l ON l.seq = t.seq
            WHERE t.year = $1 AND (t.path = $2 OR t.path LIKE $3) AND l.occurred_at < $4
            GROUP BY t.path, t.counter
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = year });
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtreePath });
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtreePath + "/%" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = before.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await ReadSums(cmd, r => r.GetString(0), ct);
    }

    public async Task<IReadOnlyDictionary<int, Dictionary<string, long>>> AggregateByMonthAsync(string subtreePath, int year, CancellationToken ct = default)
    {
        // The month in China time (UTC+8, no daylight saving), as committees count months.
        await using var cmd = _db.CreateCommand("""
            SELECT date_part('month', (l.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::int, t.counter, sum(t.delta)::bigint
            FROM cg_ledger_tally t JOIN cg_ledger l ON l.seq = t.seq
            WHERE t.year = $1 AND (t.path = $2 OR t.path LIKE $3)
            GROUP BY 1, t.counter
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = year });
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtreePath });
        cmd.Parameters.Add(new NpgsqlParameter { Value = subtreePath + "/%" });
        return await ReadSums(cmd, r => r.GetInt32(0), ct);
    }

    private static async Task<IReadOnlyDictionary<TKey, Dictionary<string, long>>> ReadSums<TKey>(NpgsqlCommand cmd, Func<NpgsqlDataReader, TKey> keyOf, CancellationToken ct)
        where TKey : notnull
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new Dictionary<TKey, Dictionary<string, long>>();
        while (await reader.ReadAsync(ct))
        {
            var key = keyOf(reader);
            var counters = result.TryGetValue(key, out var c) ? c : result[key] = new Dictionary<string, long>(StringComparer.Ordinal);
            counters[reader.GetString(1)] = reader.GetInt64(2);
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, long>> StreamsForSubjectAsync(string subject, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT l.stream, max(l.version) FROM cg_ledger l
            WHERE l.stream IN (SELECT s.stream FROM cg_ledger s WHERE s.subject = $1)
            GROUP BY l.stream
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = subject });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct = default)
    {
        // Crediting a member under the path (cg_ledger_tally_path, a prefix range scan), or entering a
        // committee's inbox in the subtree (cg_ledger_subject); newest first.
        await using var cmd = _db.CreateCommand($"""
            SELECT {EntryColumns} FROM cg_ledger
            WHERE (seq IN (SELECT t.seq FROM cg_ledger_tally t WHERE t.path = $1 OR t.path LIKE $2) OR subject = ANY($3))
              AND ($4::timestamptz IS NULL OR occurred_at >= $4) AND ($5::timestamptz IS NULL OR occurred_at < $5)
            ORDER BY seq DESC LIMIT $6
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.SubtreePath });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.SubtreePath + "/%" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Committees.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.From?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.To?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var found = new List<LedgerEntry>();
        while (await reader.ReadAsync(ct))
        {
            found.Add(ReadEntry(reader));
        }

        return found;
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("SELECT count(*) FROM cg_ledger");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>(_options.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await WriteBatch(batch);
            }
            catch (Exception ex)
            {
                foreach (var p in batch)
                {
                    p.Done.TrySetException(ex);
                }
            }
        }
    }

    private async Task WriteBatch(List<Pending> batch)
    {
        // One entry per key goes in: a second entry with the same key in this batch is a duplicate and is
        // answered as one below (inserting both rows' counts would count the key twice). Keys go in in
        // one order in every batch, so two writers racing on the same keys queue behind each other
        // instead of each holding what the other waits for.
        var firstOfKey = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var unique = batch.Where(p => firstOfKey.TryAdd(p.Entry.IdempotencyKey, p))
            .OrderBy(p => p.Entry.IdempotencyKey, StringComparer.Ordinal)
            .ToList();
        await using var connection = await _db.OpenConnectionAsync();
        // One transaction: a batch rolled back on a deadlock is tried again before any caller is answered.
        var inserted = await TransientRetry.Run(() => Insert(connection, unique), () => _metrics?.BatchRetried());

        // Entries that did not go in: their key was taken (a retry, or reuse) or their version was.
        bool WentIn(Pending p) => inserted.ContainsKey(p.Entry.IdempotencyKey) && ReferenceEquals(firstOfKey[p.Entry.IdempotencyKey], p);
        var missing = batch.Where(p => !WentIn(p)).ToList();
        var existing = missing.Count == 0 ? [] : await FindByKeys(connection, missing.Select(p => p.Entry.IdempotencyKey).ToArray());
        _metrics?.BatchCommitted(batch.Count);
        foreach (var p in batch)
        {
            if (WentIn(p))
            {
                var seq = inserted[p.Entry.IdempotencyKey];
                if (_metrics is { } metrics)
                {
                    metrics.CommandAccepted(p.Entry.Kind);
                    metrics.Appended(Stopwatch.GetElapsedTime(p.Queued));
                }

                p.Done.TrySetResult(AppendOutcome.Appended(seq));
            }
            else if (existing.TryGetValue(p.Entry.IdempotencyKey, out var holder))
            {
                p.Done.TrySetResult(AppendOutcome.Duplicate(holder));
            }
            else
            {
                p.Done.TrySetResult(AppendOutcome.Conflict());
            }
        }
    }

    /// <summary>
    /// The entries and their counts in one statement, committed on its own: one round trip per batch
    /// instead of three (the entries with the transaction's begin, the counts, the commit), each of which
    /// waited its turn on cores PostgreSQL shares with the silo. An entry whose key or version is taken is
    /// skipped, and so are its counts.
    /// </summary>
    private static async Task<Dictionary<string, long>> Insert(NpgsqlConnection connection, List<Pending> unique)
    {
        var deltas = unique.SelectMany(p => p.Entry.Deltas.Select(d => (p.Entry.IdempotencyKey, Delta: d))).ToList();
        await using var insert = new NpgsqlCommand("""
            WITH entries AS (
                INSERT INTO cg_ledger (stream, version, kind, payload, idem_key, request_hash, actor_id, actor_role, actor_scope, actor_addr, occurred_at, subject)
                SELECT s, v, k, p::json, i, h, a, r, sc, ad, o, su
                FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[])
                    AS t(s, v, k, p, i, h, a, r, sc, ad, o, su)
                ON CONFLICT DO NOTHING
                RETURNING idem_key, seq, stream, version
            ), counts AS (
                INSERT INTO cg_ledger_tally (seq, stream, version, member, path, year, counter, delta)
                SELECT e.seq, e.stream, e.version, d.m, d.p, d.y, d.c, d.d
                FROM unnest($13::text[], $14::text[], $15::text[], $16::int[], $17::text[], $18::bigint[]) AS d(i, m, p, y, c, d)
                JOIN entries e ON e.idem_key = d.i
            )
            SELECT idem_key, seq FROM entries
            """, connection);
        insert.Parameters.Add(Array(unique, e => e.Stream));
        insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(p => p.Entry.Version).ToArray() });
        insert.Parameters.Add(Array(unique, e => e.Kind));
        insert.Parameters.Add(Array(unique, e => e.Payload));
        insert.Parameters.Add(Array(unique, e => e.IdempotencyKey));
        insert.Parameters.Add(Array(unique, e => e.RequestHash));
        insert.Parameters.Add(Array(unique, e => e.ActorId));
        insert.Parameters.Add(Array(unique, e => e.ActorRole));
        insert.Parameters.Add(Array(unique, e => e.ActorScope));
        insert.Parameters.Add(Array(unique, e => e.ActorAddress));
        insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(p => p.Entry.OccurredAt.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(Array(unique, e => e.Subject));
        insert.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.IdempotencyKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Delta.Member).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Delta.Path).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Delta.Year).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        insert.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Delta.Counter).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Delta.Delta).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });

        var inserted = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await insert.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                inserted[reader.GetString(0)] = reader.GetInt64(1);
            }

            // The rows come back before the statement's implicit commit; closing reads on to the server's
            // "ready" that follows it (or the error that replaces it), so nobody is answered before that.
            await reader.CloseAsync();
        }

        return inserted;
    }

    private static async Task<Dictionary<string, LedgerEntry>> FindByKeys(NpgsqlConnection connection, string[] keys)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {EntryColumns} FROM cg_ledger WHERE idem_key = ANY($1)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await cmd.ExecuteReaderAsync();
        var found = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var entry = ReadEntry(reader);
            found[entry.IdempotencyKey] = entry;
        }

        return found;
    }

    private static LedgerEntry ReadEntry(NpgsqlDataReader reader) => new(
        reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
        reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
        new DateTimeOffset(reader.GetDateTime(11), TimeSpan.Zero), reader.IsDBNull(12) ? null : reader.GetString(12), [])
    {
        Seq = reader.GetInt64(0),
    };

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return cmd;
    }

    private static NpgsqlParameter Array(List<Pending> batch, Func<LedgerEntry, string?> pick) =>
        new() { Value = batch.Select(p => pick(p.Entry)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    /// <param name="Queued">When the append was asked for (Stopwatch ticks): its latency includes the wait for a batch.</param>
    /// <summary>
    /// Counter names as one string each: rollups hold hundreds of thousands of counts read from here, and
    /// each row would otherwise bring its own copy of a name from a set of a few dozen.
    /// </summary>
    private static class CounterNames
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

        public static string Intern(string name) => Names.GetOrAdd(name, name);
    }

    private sealed record Pending(LedgerEntry Entry, TaskCompletionSource<AppendOutcome> Done, long Queued);
}
