using System.Text;
using CommitteeGrid.Grains.Units;
using CommitteeGrid.Host.Hosting;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit.Abstractions;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>Grain state written many grains to a statement, each write still checked against the version its writer read.</summary>
[Collection("postgres")]
public sealed class GrainStateStoreTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Concurrent_writes_all_land_and_each_is_checked_against_its_version()
    {
        var connection = await Schema("state");
        await using var store = new PostgresStateStore(connection, maxBatch: 64);

        // 300 grains write at once (the store puts up to 64 in a statement): every write lands.
        var keys = Enumerable.Range(0, 300).Select(i => $"feed/member/M{i:D4}").ToArray();
        var first = await Task.WhenAll(keys.Select(k => store.WriteAsync(k, 0, Encoding.UTF8.GetBytes(k))));
        Assert.All(first, v => Assert.Equal(1, v));
        var second = await Task.WhenAll(keys.Select(k => store.WriteAsync(k, 1, Encoding.UTF8.GetBytes(k + "!"))));
        Assert.All(second, v => Assert.Equal(2, v));
        Assert.Equal("feed/member/M0042!", Encoding.UTF8.GetString((await store.ReadAsync(keys[42]))!.Payload));
        Assert.Equal(2, (await store.ReadAsync(keys[42]))!.Version);
        Assert.Null(await store.ReadAsync("feed/member/nobody"));

        // 300 grains activating at once: their reads share a few statements, each gets its own state.
        var reads = await Task.WhenAll(keys.Append("feed/member/nobody").Select(store.ReadAsync));
        Assert.Equal(keys.Select(k => k + "!"), reads.Take(300).Select(r => Encoding.UTF8.GetString(r!.Payload)));
        Assert.Null(reads[^1]);

        // A stale version and a second "first" write are refused; the writes beside them in the statement land.
        var stale = store.WriteAsync(keys[0], 1, [1]);
        var again = store.WriteAsync(keys[1], 0, [2]);
        var fine = store.WriteAsync(keys[2], 2, [3]);
        await Assert.ThrowsAsync<StateVersionConflictException>(() => stale);
        await Assert.ThrowsAsync<StateVersionConflictException>(() => again);
        Assert.Equal(3, await fine);
        Assert.Equal("feed/member/M0000!", Encoding.UTF8.GetString((await store.ReadAsync(keys[0]))!.Payload));

        // Two writers racing from the same version: exactly one wins, whichever statement each lands in.
        var racers = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                return await store.WriteAsync(keys[3], 2, [(byte)i]);
            }
            catch (StateVersionConflictException)
            {
                return -1;
            }
        }));
        Assert.Equal([-1, 3], racers.Order());
        Assert.Equal(300, await Count(connection));
    }

    [Fact]
    public async Task Grain_storage_round_trips_state_reads_what_the_previous_provider_held_and_a_clear_shadows_it()
    {
        var connection = await Schema("grainstate");
        var office = GrainId.Create("office", "420607-L01");

        // What a database written before the batched store holds: a snapshot stored by Orleans' own
        // ADO.NET provider, running in a real silo on this database.
        await using var silo = await TestSilo.StartAsync(connection, new ClusterNames("grainstate"), "adonet", output);
        var earlier = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        await earlier.WriteStateAsync("rollup", office, new GrainState<RollupSnapshot>(Snapshot("420607-L01-G01", 7)));
        await using var store = new PostgresStateStore(connection);
        var storage = new PostgresGrainStorage(store, RollupSerializer(), earlier);

        // Held only by the previous provider: read from there, with no version here yet.
        var state = new GrainState<RollupSnapshot>(new RollupSnapshot());
        await storage.ReadStateAsync("rollup", office, state);
        Assert.True(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(7, state.State!.Children.Single().Version);

        // The first write puts it here; a reader then sees this store's copy.
        state.State!.Children[0].Version = 8;
        await storage.WriteStateAsync("rollup", office, state);
        Assert.Equal("1", state.ETag);
        var reread = new GrainState<RollupSnapshot>(new RollupSnapshot());
        await storage.ReadStateAsync("rollup", office, reread);
        Assert.Equal(8, reread.State!.Children.Single().Version);
        Assert.Equal("420607-L01-G01", reread.State!.Children.Single().Key);
        Assert.Equal("1", reread.ETag);

        // A writer holding an old ETag is told its state is inconsistent, and nothing changes.
        var stale = new GrainState<RollupSnapshot>(Snapshot("420607-L01-G02", 1)) { ETag = "0" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("rollup", office, stale));

        // Cleared: nothing is read back, not even what the previous provider still holds.
        await storage.ClearStateAsync("rollup", office, reread);
        Assert.False(reread.RecordExists);
        var afterClear = new GrainState<RollupSnapshot>(new RollupSnapshot());
        await storage.ReadStateAsync("rollup", office, afterClear);
        Assert.False(afterClear.RecordExists);
        Assert.Empty(afterClear.State!.Children);
        var stillThere = new GrainState<RollupSnapshot>(new RollupSnapshot());
        await earlier.ReadStateAsync("rollup", office, stillThere);
        Assert.Equal(7, stillThere.State!.Children.Single().Version);
    }

    [Fact]
    public async Task On_a_database_that_never_had_Orleans_state_the_previous_provider_is_not_asked()
    {
        var connection = await Schema("newstate");
        await using var store = new PostgresStateStore(connection);
        var serializer = RollupSerializer();
        var earlier = new EarlierStorage(Snapshot("420607-L01-G01", 7));
        var storage = new PostgresGrainStorage(store, serializer, earlier);

        var state = new GrainState<RollupSnapshot>(new RollupSnapshot());
        await storage.ReadStateAsync("rollup", GrainId.Create("office", "420607-L02"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State!.Children);
        Assert.Equal(0, earlier.Reads);
    }

    [Fact]
    public async Task A_large_state_is_compressed_with_lz4_and_reads_back_byte_for_byte()
    {
        var connection = await Schema("bigstate");
        await using var store = new PostgresStateStore(connection);

        // A busy committee's feed: tens of kilobytes of repetitive notifications, written again and again.
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i => $"{{\"seq\":{i},\"kind\":\"report.submitted\",\"title\":\"关于河道垃圾清理长效机制的建议\"}}")));
        Assert.True(payload.Length > 20_000);
        Assert.Equal(1, await store.WriteAsync("feed/committee/420607", 0, payload));
        Assert.Equal(2, await store.WriteAsync("feed/committee/420607", 1, payload));

        Assert.Equal(payload, (await store.ReadAsync("feed/committee/420607"))!.Payload);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_column_compression(payload), pg_column_size(payload) FROM cg_grain_state WHERE key = 'feed/committee/420607'", db);
        await using var row = await cmd.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal("lz4", row.GetString(0));
        Assert.True(row.GetInt32(1) < payload.Length / 4, $"stored {row.GetInt32(1)} bytes for a {payload.Length}-byte payload");
    }

    private static Serializer RollupSerializer() => new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(RollupSnapshot).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private async Task<string> Schema(string name)
    {
        var connection = await postgres.CreateDatabaseAsync(name);
        await SchemaMigrator.MigrateAsync(connection);
        return connection;
    }

    private static async Task<long> Count(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM cg_grain_state", db);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static RollupSnapshot Snapshot(string child, long version) => new()
    {
        Children = [new StoredChild { Key = child, Version = version, Counts = [new StoredCount { Year = 2026, Counter = "report.adopted", Value = 3 }] }],
    };

    /// <summary>What a provider that held the state before answers: one stored snapshot for any grain.</summary>
    private sealed class EarlierStorage(RollupSnapshot held) : IGrainStorage
    {
        public int Reads { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Reads++;
            grainState.State = (T)(object)held;
            grainState.ETag = "earlier-etag";
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new InvalidOperationException("nothing is written to the previous provider");

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new InvalidOperationException("nothing is cleared in the previous provider");
    }
}
