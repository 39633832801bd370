using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CommitteeGrid.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;
using Xunit.Abstractions;

namespace CommitteeGrid.Postgres.Tests;

[Collection("postgres")]
public sealed class OrleansSchemaTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Active = 3;
    private const int Dead = 6;

    // Every key the 10.4.2 clustering, persistence and reminder providers look up.
    private static readonly string[] ExpectedQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey",
        "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task Migrating_an_empty_database_creates_the_schema_and_a_second_run_changes_nothing()
    {
        var db = await postgres.CreateDatabaseAsync("schema_once");

        var first = await SchemaMigrator.MigrateAsync(db);
        Assert.NotEmpty(first);
        Assert.Equal("0001_orleans.sql", first[0]);
        Assert.Equal(first, await ScalarsAsync<string>(db, "SELECT name FROM cg_schema_version ORDER BY version"));
        Assert.Equal(
            ExpectedQueryKeys.Order(StringComparer.Ordinal),
            await ScalarsAsync<string>(db, "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\""));
        var tables = await ScalarsAsync<string>(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        Assert.Subset(tables.ToHashSet(), new HashSet<string>
        {
            "cg_schema_version", "orleansquery", "orleans_membership_version", "orleans_membership",
            "orleans_storage", "orleans_reminders",
        });

        var before = await CatalogueAsync(db);
        var second = await SchemaMigrator.MigrateAsync(db);
        Assert.Empty(second);
        Assert.Equal(before, await CatalogueAsync(db));
    }

    [Fact]
    public async Task Concurrent_migrations_all_succeed_and_apply_each_file_once()
    {
        var db = await postgres.CreateDatabaseAsync("schema_race");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(db))));

        var applied = runs.SelectMany(r => r).ToList();
        var recorded = await ScalarsAsync<string>(db, "SELECT name FROM cg_schema_version ORDER BY version");
        Assert.Equal(applied.Count, applied.Distinct().Count());
        Assert.Equal(recorded.Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
        Assert.Contains("0001_orleans.sql", recorded);
        // The lock makes the winner apply everything; the others find nothing left to do.
        Assert.Single(runs, r => r.Count > 0);
    }

    [Fact]
    public async Task EnsureDatabase_creates_a_missing_database_once_even_when_raced()
    {
        var name = $"ensure_{Guid.NewGuid():N}";
        var db = postgres.ConnectionStringFor(name);

        await Task.WhenAll(
            SchemaMigrator.EnsureDatabaseAsync(db, CancellationToken.None),
            SchemaMigrator.EnsureDatabaseAsync(db, CancellationToken.None));
        await SchemaMigrator.EnsureDatabaseAsync(db, CancellationToken.None);

        var admin = postgres.ConnectionStringFor("postgres");
        Assert.Equal(1L, await ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
        Assert.NotEmpty(await SchemaMigrator.MigrateAsync(db));

        await ScalarsAsync<object>(admin, $"DROP DATABASE \"{name}\" WITH (FORCE)");
    }

    [Fact]
    public async Task Membership_queries_reject_stale_versions_and_keep_heartbeats_out_of_the_version()
    {
        var db = await postgres.CreateDatabaseAsync("membership_contract");
        await SchemaMigrator.MigrateAsync(db);
        using var services = new ServiceCollection().BuildServiceProvider();
        IMembershipTable table = new AdoNetClusteringTable(
            services,
            Options.Create(new ClusterOptions { ClusterId = "contract", ServiceId = "contract" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = TestSilo.Invariant, ConnectionString = db }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(true);

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);

        var now = DateTime.UtcNow;
        var one = Entry(11111, now, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(one, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(22222, now, SiloStatus.Joining), empty.Version.Next()));
        var afterInsert = await table.ReadAllAsync();
        Assert.False(await table.InsertRowAsync(one, afterInsert.Version.Next()));
        Assert.Equal(afterInsert.Version.Version, (await table.ReadAllAsync()).Version.Version);
        Assert.Equal(empty.Version.Version + 1, afterInsert.Version.Version);

        var (stored, etag) = Assert.Single(afterInsert.Members);
        Assert.Equal((one.SiloAddress, one.SiloName, one.HostName, one.ProxyPort), (stored.SiloAddress, stored.SiloName, stored.HostName, stored.ProxyPort));
        Assert.Equal(one.StartTime, stored.StartTime, TimeSpan.FromMilliseconds(1));

        stored.Status = SiloStatus.Active;
        stored.SuspectTimes = [Tuple.Create(Entry(33333, now, SiloStatus.Active).SiloAddress, now)];
        Assert.True(await table.UpdateRowAsync(stored, etag, afterInsert.Version.Next()));
        Assert.False(await table.UpdateRowAsync(stored, etag, afterInsert.Version.Next()));

        var row = await table.ReadRowAsync(one.SiloAddress);
        var (updated, _) = Assert.Single(row.Members);
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.Single(updated.SuspectTimes!);
        Assert.Equal(afterInsert.Version.Version + 1, row.Version.Version);

        // Heartbeats move IAmAliveTime without touching the version.
        updated.IAmAliveTime = now.AddMinutes(1);
        await table.UpdateIAmAliveAsync(updated);
        var beat = await table.ReadRowAsync(one.SiloAddress);
        Assert.Equal(row.Version.Version, beat.Version.Version);
        Assert.Equal(now.AddMinutes(1), beat.Members[0].Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));

        // A silo that is not there still yields the table version.
        var missing = await table.ReadRowAsync(Entry(44444, now, SiloStatus.Active).SiloAddress);
        Assert.Empty(missing.Members);
        Assert.Equal(row.Version.Version, missing.Version.Version);

        // Dead and quiet before the cutoff goes; the active row stays.
        var current = await table.ReadAllAsync();
        var old = Entry(55555, now.AddHours(-2), SiloStatus.Dead);
        Assert.True(await table.InsertRowAsync(old, current.Version.Next()));
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal([one.SiloAddress], (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress));

        await table.DeleteMembershipTableEntriesAsync("contract");
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM orleans_membership_version"));
    }

    [Fact]
    public async Task Reminder_queries_honour_etags_and_read_exactly_the_ring_range_asked_for()
    {
        var db = await postgres.CreateDatabaseAsync("reminder_contract");
        await SchemaMigrator.MigrateAsync(db);
        // The ADO.NET reminder table is internal; the provider's own registration builds it.
        await using var services = new ServiceCollection()
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "contract";
                o.ServiceId = "contract";
            })
            .UseAdoNetReminderService(o => o.Configure(r =>
            {
                r.Invariant = TestSilo.Invariant;
                r.ConnectionString = db;
            }))
            .BuildServiceProvider();
        var table = services.GetRequiredService<IReminderTable>();
        await table.StartAsync();

        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("pgcounter", $"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry
            {
                GrainId = grain,
                ReminderName = "r",
                StartAt = DateTime.UtcNow,
                // Longer than int.MaxValue milliseconds, so the provider sends a bigint.
                Period = TimeSpan.FromDays(30),
            });
        }

        // Ranges are (begin, end] on the unsigned ring; begin == end is the whole ring. The provider
        // picks one of two stored queries by comparing the bounds as signed ints, so mix both kinds.
        var random = new Random(20240601);
        var bounds = new List<(uint Begin, uint End)>
        {
            (0, 0), (0x8000_0000, 0x8000_0000), (0, 0x8000_0000), (0x8000_0000, 0), (0x7FFF_FFFF, 0x8000_0001),
            (0xFFFF_FFFF, 0x0000_0001), (0x4000_0000, 0xC000_0000), (0xC000_0000, 0x4000_0000),
        };
        for (var i = 0; i < 16; i++)
        {
            bounds.Add(((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32)));
        }

        foreach (var (begin, end) in bounds)
        {
            var expected = grains
                .Where(g => InRing(g.GetUniformHashCode(), begin, end))
                .Select(g => g.ToString())
                .Order(StringComparer.Ordinal);
            var actual = (await table.ReadRows(begin, end)).Reminders
                .Select(r => r.GrainId.ToString())
                .Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}]");
        }

        var first = grains[0];
        var read = await table.ReadRow(first, "r");
        Assert.NotNull(read);
        Assert.Equal(TimeSpan.FromDays(30), read.Period);
        var newer = await table.UpsertRow(new ReminderEntry { GrainId = first, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });
        Assert.NotEqual(read.ETag, newer);
        Assert.False(await table.RemoveRow(first, "r", read.ETag!));
        Assert.True(await table.RemoveRow(first, "r", newer!));
        Assert.Null(await table.ReadRow(first, "r"));
        Assert.Empty((await table.ReadRows(first)).Reminders);
        Assert.Single((await table.ReadRows(grains[1])).Reminders);

        static bool InRing(uint hash, uint begin, uint end) =>
            begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
    }

    [Fact]
    public async Task Grain_state_survives_a_silo_restart_and_reminders_fire_across_it()
    {
        var db = await postgres.CreateDatabaseAsync("silo_restart");
        await SchemaMigrator.MigrateAsync(db);
        var cluster = new ClusterNames("restart");

        await using (var first = await TestSilo.StartAsync(db, cluster, "first", output))
        {
            var alpha = first.Grains.GetGrain<IPgCounterGrain>("alpha");
            Assert.Equal(5, await alpha.Add(5));
            Assert.Equal(12, await alpha.Add(7));

            // Clear keeps the row with a new version; the next write must build on that version.
            var beta = first.Grains.GetGrain<IPgCounterGrain>("beta");
            await beta.Add(1);
            await beta.Clear();
            Assert.Equal(2, await beta.Add(2));

            await alpha.StartTicking(TimeSpan.FromSeconds(1));
            await ReminderLog.WaitForAsync("alpha", first.Address, TimeSpan.FromSeconds(20));

            await StaleWritesConflict(first.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
        }

        Assert.Equal(4L, await ScalarAsync<long>(db, "SELECT count(*) FROM orleans_storage"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM orleans_reminders"));

        // Let the dead row age past the (test-short) defunct-silo expiry before the next silo looks.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await using (var second = await TestSilo.StartAsync(db, cluster, "second", output))
        {
            Assert.Equal(12, await second.Grains.GetGrain<IPgCounterGrain>("alpha").Get());
            Assert.Equal(2, await second.Grains.GetGrain<IPgCounterGrain>("beta").Get());

            // Only the reminder table knows about the tick now: the new silo must load it by hash range.
            await ReminderLog.WaitForAsync("alpha", second.Address, TimeSpan.FromSeconds(20));
            await second.Grains.GetGrain<IPgCounterGrain>("alpha").StopTicking();
            Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM orleans_reminders"));

            // The first silo left gracefully (Dead); the cleanup agent removes its row with the
            // captured-values query, which needs timestamps to round-trip exactly.
            await Eventually(async () =>
            {
                var members = await MembersAsync(db, cluster.ClusterId);
                return members.Count == 1 && members[0] == (second.Address.Endpoint.Port, Active);
            }, TimeSpan.FromSeconds(20), "the dead first silo's row to be cleaned up");
        }
    }

    [Fact]
    public async Task Two_silos_share_membership_and_reach_each_others_grains()
    {
        var db = await postgres.CreateDatabaseAsync("silo_pair");
        await SchemaMigrator.MigrateAsync(db);
        var cluster = new ClusterNames("pair");

        // Starting together makes them race for the membership version; the loser must retry cleanly.
        var started = await Task.WhenAll(
            TestSilo.StartAsync(db, cluster, "a", output),
            TestSilo.StartAsync(db, cluster, "b", output));
        await using var a = started[0];
        await using var b = started[1];

        await Eventually(async () =>
        {
            var members = await MembersAsync(db, cluster.ClusterId);
            return members.Count == 2 && members.All(m => m.Status == Active);
        }, TimeSpan.FromSeconds(20), "both silos to be Active in the membership table");

        // Each grain has one activation somewhere; calling it from both silos means one of the
        // calls always crosses to the other silo.
        var silos = new[] { a.Address.ToString(), b.Address.ToString() };
        for (var i = 0; i < 6; i++)
        {
            var key = $"shared-{i}";
            var viaA = await a.Grains.GetGrain<IPgCounterGrain>(key).WhereAmI();
            var viaB = await b.Grains.GetGrain<IPgCounterGrain>(key).WhereAmI();
            Assert.Equal(viaA, viaB);
            Assert.Contains(viaA, silos);
        }

        // A client finds the silos through the gateway query alone.
        using var client = new HostBuilder()
            .UseOrleansClient(c =>
            {
                c.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                c.UseAdoNetClustering(o =>
                {
                    o.Invariant = TestSilo.Invariant;
                    o.ConnectionString = db;
                });
            })
            .Build();
        await client.StartAsync();
        var fromClient = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IPgCounterGrain>("shared-0").WhereAmI();
        Assert.Equal(await a.Grains.GetGrain<IPgCounterGrain>("shared-0").WhereAmI(), fromClient);
        await client.StopAsync();

        await Task.WhenAll(a.StopAsync(), b.StopAsync());
        var after = await MembersAsync(db, cluster.ClusterId);
        Assert.Equal(2, after.Count);
        Assert.All(after, m => Assert.Equal(Dead, m.Status));
    }

    private static async Task<List<T>> ScalarsAsync<T>(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static async Task<T> ScalarAsync<T>(string db, string sql) => (await ScalarsAsync<T>(db, sql)).Single();

    private static async Task<List<(int Port, int Status)>> MembersAsync(string db, string clusterId)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT port, status FROM orleans_membership WHERE deployment_id = @c ORDER BY port", connection);
        command.Parameters.AddWithValue("c", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var members = new List<(int, int)>();
        while (await reader.ReadAsync())
        {
            members.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return members;
    }

    /// <summary>Everything a migration could change: tables, columns, indexes, constraints, functions, stored queries, history.</summary>
    private static async Task<List<string>> CatalogueAsync(string db)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'relation ' || relname || ' ' || relkind::text FROM pg_class WHERE relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc)
            FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'query ' || querykey || ' ' || md5(querytext) FROM orleansquery
            UNION ALL
            SELECT 'version ' || version || ' ' || name || ' ' || applied_at FROM cg_schema_version
            """;
        var rows = await ScalarsAsync<string>(db, sql);
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Drives the storage provider directly through the optimistic-concurrency cases a grain rarely hits.</summary>
    private static async Task StaleWritesConflict(IGrainStorage storage)
    {
        const string grainType = "CommitteeGrid.Postgres.Tests.PgCounterGrain";
        // A key far longer than a B-tree entry may be (and random, so it does not compress), to prove
        // the identity index copes.
        var longKey = string.Concat(Enumerable.Range(0, 160).Select(_ => Guid.NewGuid().ToString("N")));
        foreach (var grain in new[] { GrainId.Create("pgcounter", "direct"), GrainId.Create("pgcounter", longKey) })
        {
            var state = new PgCounterState { Total = 1 };
            var mine = new GrainState<PgCounterState>(state);
            await storage.WriteStateAsync(grainType, grain, mine);
            var firstETag = mine.ETag;

            // Someone who thinks there is no record, or holds an old version, must lose.
            var blind = new GrainState<PgCounterState>(new PgCounterState { Total = 99 });
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(grainType, grain, blind));
            state.Total = 2;
            await storage.WriteStateAsync(grainType, grain, mine);
            var stale = new GrainState<PgCounterState>(new PgCounterState { Total = 98 }) { ETag = firstETag };
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(grainType, grain, stale));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(grainType, grain, stale));

            var read = new GrainState<PgCounterState>();
            await storage.ReadStateAsync(grainType, grain, read);
            Assert.Equal(((int?)2, mine.ETag, true), (read.State?.Total, read.ETag, read.RecordExists));

            await storage.ClearStateAsync(grainType, grain, mine);
            var cleared = new GrainState<PgCounterState>();
            await storage.ReadStateAsync(grainType, grain, cleared);
            Assert.Equal(((int?)0, mine.ETag, false), (cleared.State?.Total, cleared.ETag, cleared.RecordExists));
            Assert.NotEqual(read.ETag, cleared.ETag);
        }
    }

    private static MembershipEntry Entry(int port, DateTime time, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 7),
        SiloName = $"silo-{port}",
        HostName = "contract-host",
        Status = status,
        ProxyPort = port + 1,
        StartTime = time,
        IAmAliveTime = time,
    };

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }
}

internal sealed record ClusterNames(string ClusterId, string ServiceId)
{
    public ClusterNames(string name)
        : this($"{name}-cluster", $"{name}-service")
    {
    }
}

/// <summary>One silo on PostgreSQL clustering, persistence and reminders, on free loopback ports.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    public const string Invariant = "Npgsql";

    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host)
    {
        _host = host;
        Address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IServiceProvider Services => _host.Services;

    public SiloAddress Address { get; }

    public IGrainFactory Grains { get; }

    public static async Task<TestSilo> StartAsync(string db, ClusterNames cluster, string name, ITestOutputHelper output)
    {
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                silo.Configure<SiloOptions>(o => o.SiloName = name);
                silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = db;
                });
                silo.AddAdoNetGrainStorage("Default", o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = db;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = db;
                });
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    // Short enough that heartbeats, table refreshes and defunct-row cleanup all run
                    // against PostgreSQL within the test.
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    o.DefunctSiloCleanupPeriod = TimeSpan.FromSeconds(1);
                    o.DefunctSiloExpiration = TimeSpan.FromSeconds(1);
                    o.DefunctSiloMinimumRetention = TimeSpan.FromSeconds(1);
                    o.MaxJoinAttemptTime = TimeSpan.FromSeconds(30);
                });
            })
            .ConfigureLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddProvider(new TestOutputLoggerProvider(output, name)))
            .Build();

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(timeout.Token);
            return new TestSilo(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Orleans warnings and errors land in the test's output, so a failure explains itself.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output, string silo) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, silo, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string silo, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"[{silo}] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
            }
            catch (InvalidOperationException)
            {
                // Background work can log after the test has finished; there is nowhere to write then.
            }
        }
    }
}

/// <summary>Where and for whom reminders fired, shared between the grains and the tests.</summary>
internal static class ReminderLog
{
    private static readonly ConcurrentQueue<(string Grain, SiloAddress Silo)> Ticks = new();

    public static void Record(string grain, SiloAddress silo) => Ticks.Enqueue((grain, silo));

    public static async Task WaitForAsync(string grain, SiloAddress silo, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Ticks.Any(t => t.Grain == grain && t.Silo.Equals(silo)))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No reminder tick for {grain} on {silo} within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }
}

public interface IPgCounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    Task<int> Get();

    Task Clear();

    Task<string> WhereAmI();

    Task StartTicking(TimeSpan period);

    Task StopTicking();
}

[GenerateSerializer]
public sealed class PgCounterState
{
    [Id(0)]
    public int Total { get; set; }
}

public sealed class PgCounterGrain(
    [PersistentState("counter", "Default")] IPersistentState<PgCounterState> state,
    ILocalSiloDetails silo) : Grain, IPgCounterGrain, IRemindable
{
    private const string Tick = "tick";

    public async Task<int> Add(int amount)
    {
        state.State.Total += amount;
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> Get() => Task.FromResult(state.State.Total);

    public Task Clear() => state.ClearStateAsync();

    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToString());

    public Task StartTicking(TimeSpan period) => this.RegisterOrUpdateReminder(Tick, period, period);

    public async Task StopTicking()
    {
        var reminder = await this.GetReminder(Tick);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderLog.Record(this.GetPrimaryKeyString(), silo.SiloAddress);
        return Task.CompletedTask;
    }
}
