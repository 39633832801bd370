using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Postgres;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// Two transactions inserting the same keys in opposite orders deadlock, and PostgreSQL rolls one back.
/// When that one is a ledger batch, its callers must still get their answers, not the deadlock.
/// </summary>
[Collection("postgres")]
public sealed class LedgerDeadlockTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_batch_rolled_back_by_a_deadlock_is_written_on_its_retry()
    {
        var connection = await postgres.CreateDatabaseAsync("deadlock");
        await SchemaMigrator.MigrateAsync(connection);
        await using var ledger = new PostgresLedger(new PostgresLedgerOptions { ConnectionString = LockWaits.FirstToDetect(connection), Writers = 1 });

        // Another writer holds key "k-b" in an open transaction.
        await using var other = await LockWaits.OpenLastToDetect(connection);
        await using var tx = await other.BeginTransactionAsync();
        await LockWaits.Exec(other, Insert("k-b", "report/other-b"));

        // Queued before the writer starts, so both go in one batch: "k-a" first, then a wait on "k-b".
        var first = ledger.AppendAsync(Entry("report/a", "k-a"));
        var second = ledger.AppendAsync(Entry("report/b", "k-b"));
        await ledger.StartAsync(CancellationToken.None);
        await LockWaits.WaitForOne(connection, besides: other.ProcessID, "the ledger's batch");

        // Now the other writer wants "k-a", which the ledger's batch holds: a cycle. It can only get it
        // once the batch has been rolled back.
        await LockWaits.Exec(other, Insert("k-a", "report/other-a"));
        Assert.False(first.IsCompleted, "the ledger answered while its keys were still held by the other writer");
        await tx.RollbackAsync();

        var outcomes = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(outcomes, o => Assert.Equal(AppendStatus.Appended, o.Status));
        Assert.Equal(2, await ledger.CountAsync());
        Assert.Equal(["k-a", "k-b"], (await ledger.ReadStreamAsync("report/a", 0)).Concat(await ledger.ReadStreamAsync("report/b", 0)).Select(e => e.IdempotencyKey));
    }

    private static LedgerEntry Entry(string stream, string key) => new(
        stream, 1, "report.test", """{"n":1}""", key, "hash-" + key, "user", "staff", null, "127.0.0.1",
        new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), null, []);

    private static string Insert(string key, string stream) => $$"""
        INSERT INTO cg_ledger (stream, version, kind, payload, idem_key, request_hash, actor_id, actor_role, occurred_at)
        VALUES ('{{stream}}', 1, 'report.test', '{"n":1}', '{{key}}', 'h', 'other', 'staff', now())
        """;
}
