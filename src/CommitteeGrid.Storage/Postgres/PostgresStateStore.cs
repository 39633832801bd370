using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace CommitteeGrid.Storage.Postgres;

/// <summary>
/// Versioned blobs by key in <c>cg_grain_state</c>. Writes from every grain of the silo queue here and go
/// many to one statement (one round trip, one commit), each still checked against the version its
/// writer read: a write whose version moved on is refused, the others in the statement land. Reads are
/// gathered the same way: a cold start of a national network activates tens of thousands of rollups at
/// once, and one query each held the whole connection pool until reads failed on its timeout.
/// </summary>
public sealed class PostgresStateStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly int _maxBatch;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly ReadBatcher<string, StoredState?> _reads;
    // 0: not asked yet, 1: Orleans' table holds no state, 2: it does.
    private int _previousHolds;

    public PostgresStateStore(string connectionString, int maxBatch = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _db = NpgsqlDataSource.Create(connectionString);
        _maxBatch = maxBatch;
        _writer = Task.Run(WriteLoop);
        _reads = new(ReadBatch, _ => null, maxBatch, readers: 2);
    }

    /// <summary>The stored state, or null when there is none.</summary>
    public Task<StoredState?> ReadAsync(string key) => _reads.Read(key);

    /// <summary>
    /// Whether Orleans' ADO.NET table (<c>orleans_storage</c>) holds any grain state, that is, whether a
    /// state missing here may be there. Nothing writes that table any more, so the first answer stands:
    /// a new database then costs no second lookup for every grain that has no state yet.
    /// </summary>
    public async Task<bool> PreviousTableHoldsStateAsync()
    {
        switch (Volatile.Read(ref _previousHolds))
        {
            case 1:
                return false;
            case 2:
                return true;
        }

        await using var cmd = _db.CreateCommand("SELECT EXISTS (SELECT 1 FROM orleans_storage)");
        var holds = (bool)(await cmd.ExecuteScalarAsync())!;
        Volatile.Write(ref _previousHolds, holds ? 2 : 1);
        return holds;
    }

    private async Task<IReadOnlyDictionary<string, StoredState?>> ReadBatch(IReadOnlyList<string> keys)
    {
        await using var cmd = _db.CreateCommand("SELECT key, version, payload FROM cg_grain_state WHERE key = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var found = new Dictionary<string, StoredState?>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[reader.GetString(0)] = new StoredState(reader.GetInt64(1), (byte[])reader.GetValue(2));
        }

        return found;
    }

    /// <summary>
    /// Stores <paramref name="payload"/> if the stored version is still <paramref name="expected"/> (0: none
    /// stored) and answers the new version; otherwise throws <see cref="StateVersionConflictException"/>.
    /// </summary>
    public Task<long> WriteAsync(string key, long expected, byte[] payload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        var pending = new PendingWrite(key, expected, payload, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The state store is shutting down.");
        }

        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _reads.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>(_maxBatch);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var carried = new Queue<PendingWrite>();
        var deferred = new List<PendingWrite>();
        while (carried.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            keys.Clear();
            deferred.Clear();

            // A key goes into a statement once: a second write of it waits for the next statement, so each
            // write is checked against the version the first one left.
            while (batch.Count < _maxBatch && (carried.TryDequeue(out var next) || _queue.Reader.TryRead(out next)))
            {
                if (keys.Add(next.Key))
                {
                    batch.Add(next);
                }
                else
                {
                    deferred.Add(next);
                }
            }

            foreach (var later in deferred)
            {
                carried.Enqueue(later);
            }

            if (batch.Count > 0)
            {
                await WriteBatch(batch);
            }
        }
    }

    private async Task WriteBatch(List<PendingWrite> batch)
    {
        // Keys go in in one order in every statement, so two silos writing the same keys (an activation
        // moving between them) mostly queue behind each other; the planner may still lock updated rows in
        // another order, and a deadlock that follows is retried below.
        batch.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        try
        {
            var written = await TransientRetry.Run(() => Write(batch));
            foreach (var write in batch)
            {
                if (written.TryGetValue(write.Key, out var version))
                {
                    write.Done.TrySetResult(version);
                }
                else
                {
                    write.Done.TrySetException(new StateVersionConflictException(write.Key, write.Expected));
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    private async Task<Dictionary<string, long>> Write(List<PendingWrite> batch)
    {
        await using var cmd = _db.CreateCommand("""
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[]) AS i(key, expected, payload)),
            updated AS (
                UPDATE cg_grain_state s SET payload = i.payload, version = s.version + 1, written_at = now()
                FROM input i WHERE i.expected > 0 AND s.key = i.key AND s.version = i.expected
                RETURNING s.key, s.version),
            inserted AS (
                INSERT INTO cg_grain_state (key, version, payload)
                SELECT key, 1, payload FROM input WHERE expected = 0
                ON CONFLICT (key) DO NOTHING
                RETURNING key, version)
            SELECT key, version FROM updated UNION ALL SELECT key, version FROM inserted
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Expected).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return written;
    }

    private sealed record PendingWrite(string Key, long Expected, byte[] Payload, TaskCompletionSource<long> Done);
}

/// <summary>A stored state and its version.</summary>
public sealed record StoredState(long Version, byte[] Payload);

/// <summary>The stored version is not the one the writer read: another writer got there first.</summary>
public sealed class StateVersionConflictException(string key, long expected)
    : Exception($"State '{key}' is no longer at version {expected}: another activation wrote it.")
{
    public string Key { get; } = key;

    public long Expected { get; } = expected;
}
