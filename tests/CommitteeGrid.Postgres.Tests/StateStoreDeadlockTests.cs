using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Postgres;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// A statement of grain-state writes that PostgreSQL rolls back to break a deadlock (two silos writing
/// the same keys in opposite orders) is run again: its writers get their versions, not the deadlock.
/// </summary>
[Collection("postgres")]
public sealed class StateStoreDeadlockTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_statement_rolled_back_by_a_deadlock_is_written_on_its_retry()
    {
        var connection = await postgres.CreateDatabaseAsync("state_deadlock");
        await SchemaMigrator.MigrateAsync(connection);
        await using var store = new PostgresStateStore(LockWaits.FirstToDetect(connection));

        // The other writer holds "k-b"; a third holds "k-0" for as long as it takes to queue two writes
        // behind the store's first statement, so that both go in its next one.
        await using var other = await LockWaits.OpenLastToDetect(connection);
        await using var tx = await other.BeginTransactionAsync();
        await LockWaits.Exec(other, Insert("k-b"));
        await using var gate = await LockWaits.OpenLastToDetect(connection);
        await using var gateTx = await gate.BeginTransactionAsync();
        await LockWaits.Exec(gate, Insert("k-0"));
        var gated = store.WriteAsync("k-0", 0, [0]);
        await LockWaits.WaitForOne(connection, besides: -1, "the store's first statement");
        var b = store.WriteAsync("k-b", 0, [2]);
        var a = store.WriteAsync("k-a", 0, [1]);
        await gateTx.RollbackAsync();
        Assert.Equal(1, await gated.WaitAsync(TimeSpan.FromSeconds(20)));

        // The next statement writes "k-a", then waits for "k-b". Now the other writer wants "k-a": a cycle,
        // which PostgreSQL breaks by rolling the statement back.
        await LockWaits.WaitForOne(connection, besides: other.ProcessID, "the store's second statement");
        await LockWaits.Exec(other, Insert("k-a"));
        Assert.False(a.IsCompleted, "the store answered while its keys were still held by the other writer");
        await tx.RollbackAsync();

        var versions = await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([1, 1], versions);
        Assert.Equal([1], (await store.ReadAsync("k-a"))!.Payload);
        Assert.Equal([2], (await store.ReadAsync("k-b"))!.Payload);
    }

    private static string Insert(string key) =>
        $"INSERT INTO cg_grain_state (key, version, payload) VALUES ('{key}', 1, '\\x00'::bytea)";
}
