using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Storage;
using Npgsql;

namespace CommitteeGrid.Bench;

/// <summary>
/// The ranking a city office asks for, timed on the same data two ways in the same run: read from the
/// live rollups, and aggregated from the ledger in SQL at query time as a conventional system would.
/// The data is a synthetic year written straight into the ledger tables (binary COPY); the silo then
/// rebuilds every rollup from the ledger by its own heal path, and verify must find 0 differences
/// before anything is timed.
/// </summary>
public static class BaselineBench
{
    private const int Warmups = 3;

    /// <summary>dotnet run -c Release --project bench/CommitteeGrid.Bench -- baseline [--members 60000] [--entries 1000000] [--repeats 50]</summary>
    public static async Task<int> Run(string[] args)
    {
        if (BaselineSettings.Parse(args) is not { } settings)
        {
            Console.Error.WriteLine("usage: baseline [--members N] [--entries N] [--repeats N]");
            return 2;
        }

        using var cancel = new SignalCancellation();

        var networkFile = Path.Combine(Path.GetTempPath(), $"cg-baseline-{settings.Members}-{Guid.NewGuid():N}.json");
        try
        {
            var clock = Stopwatch.StartNew();
            NetworkJson.WriteFile(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(settings.Members)), networkFile);
            Console.WriteLine($"network: {settings.Members:N0} members generated in {clock.Elapsed.TotalSeconds:F1} s ({networkFile})");
            var dll = await HostLauncher.BuildHost();
            await using var launcher = new HostLauncher();
            var postgres = await launcher.StartPostgres();
            Console.WriteLine($"storage: PostgreSQL ({postgres})");
            var result = await Execute(settings with { Postgres = postgres, NetworkFile = networkFile, HostDll = dll }, Console.Out, cancel.Token);
            return result.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.Token.IsCancellationRequested)
        {
            Console.Error.WriteLine("baseline: cancelled; its silo and PostgreSQL are stopped");
            return 130;
        }
        finally
        {
            File.Delete(networkFile);
        }
    }

    /// <summary>The whole run against an empty database and a host build; the silo it starts is gone when it returns.</summary>
    public static async Task<BaselineResult> Execute(BaselineSettings settings, TextWriter log, CancellationToken ct)
    {
        var network = CommitteeNetwork.Build(NetworkJson.ReadFile(settings.NetworkFile));
        await SchemaMigrator.MigrateAsync(settings.Postgres, ct);
        await using var db = NpgsqlDataSource.Create(settings.Postgres);

        // 1. A year of ledger, loaded directly.
        var (ledger, entries, tallyRows) = await LoadHistory(db, network, settings.Entries, settings.Seed, log);

        // 2. The silo on that database rebuilds its rollups from the ledger by its own heal path.
        await using var launcher = new HostLauncher();
        var (url, host) = await launcher.StartBuiltHost(settings.HostDll, settings.Postgres, settings.NetworkFile);
        log.WriteLine($"silo: {url} (pid {host.Id})");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromMinutes(5),
        };
        BenchAuth.Authorize(http, network.Root.Code);
        var result = new BaselineResult { Members = network.Root.MemberCount, Entries = entries, TallyRows = tallyRows, Reports = ledger.Reports };

        var heal = await Heal(http, network, host, settings.HealDeadline, log, ct);
        result = result with { VerifyOk = heal.Ok, HealSeconds = heal.Seconds, HealPeakMiB = heal.PeakMiB, UnitsChecked = heal.Units };
        if (!heal.Ok)
        {
            return result;
        }

        foreach (var (id, version) in ledger.LongestReports(3))
        {
            // A report grain rebuilds itself from the loaded entries: the payloads must replay.
            var report = await GetRetrying(http, $"/api/reports/{id}", ct);
            if (report!["version"]!.GetValue<long>() != version)
            {
                log.WriteLine($"FAIL: report {id} replays to version {report["version"]}, the ledger has {version}");
                return result;
            }
        }

        result = result with { ReportsReplay = true };

        // A moment for the heal's last publishes. The rollups' first snapshot writes (Rollup:SnapshotInterval,
        // 1 min) may still land inside the timing, on A and B alike, which alternate.
        await Task.Delay(TimeSpan.FromSeconds(12), ct);

        // 3. The rankings, A and B alternating so that whatever else runs (the rollups' periodic heals) falls on both.
        var (timings, failed) = await CompareRankings(network, ledger.Year, http, db, settings.Repeats, log, ct);
        if (failed)
        {
            return result with { Timings = timings };
        }

        var peak = HostLauncher.PeakMemoryMiB(host);
        log.WriteLine();
        log.WriteLine($"silo peak memory {peak:N0} MiB (now {HostLauncher.CurrentMemoryMiB(host):N0} MiB)");

        // A conventional system would not have the silo's periodic heals competing for the same cores and
        // database: time B once more with the silo stopped.
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync(ct);
        log.WriteLine("B again with the silo stopped (nothing else competing for the cores and the database):");
        var alone = new List<BaselineTiming>();
        foreach (var timing in timings)
        {
            var b = new LatencyRecorder();
            for (var i = 0; i < Warmups + settings.Repeats; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var sql = await timing.Ranking.FromLedger(db, ct);
                if (i >= Warmups)
                {
                    b.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                if (BaselineRanking.Difference(timing.Shown, sql) is { } difference)
                {
                    log.WriteLine($"FAIL: {timing.Name}: the ledger's ranking changed: {difference}");
                    return result with { Timings = timings, SiloPeakMiB = peak };
                }
            }

            log.WriteLine($"  {timing.Name}: B p50 {b.Percentile(50):F2} ms, p99 {b.Percentile(99):F2} ms; B / A at p50 {b.Percentile(50) / timing.LiveP50:F1}× (A as above)");
            alone.Add(timing with { SqlP50 = b.Percentile(50), SqlP99 = b.Percentile(99) });
        }

        return result with { Timings = timings, SqlAlone = alone, SiloPeakMiB = peak, RankingsEqual = true };
    }

    /// <summary>
    /// A year of ledger written straight into an empty, migrated database (binary COPY), then analysed:
    /// the history the rankings are timed on, and the plenary peak's starting point.
    /// </summary>
    internal static async Task<(BaselineLedger Ledger, long Rows, long TallyRows)> LoadHistory(NpgsqlDataSource db, CommitteeNetwork network, int entries, int seed, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var ledger = await BaselineLedger.Generate(network, entries, LedgerClock.Now(TimeProvider.System), seed);
        var generated = clock.Elapsed;
        var (copied, indexed) = await ledger.Load(db);
        clock.Restart();
        await Execute(db, "VACUUM ANALYZE cg_ledger");
        await Execute(db, "VACUUM ANALYZE cg_ledger_tally");
        // Write the loaded pages out now: a year of history was on disk long before the peak, and the
        // checkpoint a gigabyte of WAL brings on would otherwise land in the timed minutes.
        await Execute(db, "CHECKPOINT");
        var analyzed = clock.Elapsed;
        var (rows, tallyRows, ledgerSize, tallySize) = await Counts(db);
        log.WriteLine($"ledger: {ledger.Reports:N0} reports in {ledger.Year}: cg_ledger {rows:N0} rows ({ledgerSize}), cg_ledger_tally {tallyRows:N0} rows ({tallySize})");
        log.WriteLine($"        generated by the report rules in {generated.TotalSeconds:F1} s; binary COPY {copied.TotalSeconds:F1} s ({(rows + tallyRows) / copied.TotalSeconds:N0} rows/s), "
            + $"the migrations' indexes and constraints {indexed.TotalSeconds:F1} s, VACUUM ANALYZE and CHECKPOINT {analyzed.TotalSeconds:F1} s");
        return (ledger, rows, tallyRows);
    }

    /// <summary>
    /// The city office's ranking of its counties and the nation's of its provinces, each timed both ways
    /// (A live rollups over HTTP, B SQL over the ledger) and printed with B / A; Failed when the two ways
    /// ever disagree.
    /// </summary>
    internal static async Task<(List<BaselineTiming> Timings, bool Failed)> CompareRankings(CommitteeNetwork network, int year, HttpClient http, NpgsqlDataSource db, int repeats, TextWriter log, CancellationToken ct)
    {
        var city = network.Units
            .Where(u => u.IsCommittee && u.Level == CommitteeLevel.City)
            .OrderByDescending(u => network.Children(u).Count(c => c.IsCommittee))
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .First();
        var rankings = new[]
        {
            ($"city {city.Code} ranks its {network.Children(city).Count(c => c.IsCommittee)} counties",
                RankingOf(network, city, year, [Counters.ReportForwarded(CommitteeLevel.Province), Counters.ReportAdopted(CommitteeLevel.City), Counters.ReportSubmitted])),
            ($"national committee ranks its {network.Children(network.Root).Count(c => c.IsCommittee)} provinces",
                RankingOf(network, network.Root, year, [Counters.ReportForwarded(CommitteeLevel.National), Counters.ReportAdopted(CommitteeLevel.Province), Counters.ReportSubmitted])),
        };

        var timings = new List<BaselineTiming>();
        foreach (var (name, ranking) in rankings)
        {
            log.WriteLine();
            log.WriteLine($"{name}, by {string.Join(", then ", ranking.Columns)}:");
            var (a, b, shown, failure) = await Time(ranking, http, db, repeats, ct);
            if (failure is not null)
            {
                log.WriteLine($"FAIL: {name}: the two ways disagree: {failure}");
                return (timings, true);
            }

            log.WriteLine($"  the same ranking both ways in every run: {string.Join("; ", shown.Take(8))}{(shown.Count > 8 ? "; …" : "")}");
            log.WriteLine($"  SQL plan: {await ranking.LedgerPlan(db)}");
            log.WriteLine($"  A live rollups (HTTP: the unit, then each child's tally)   p50 {a.Percentile(50),8:F2} ms   p99 {a.Percentile(99),8:F2} ms");
            log.WriteLine($"  B SQL over the ledger at query time                        p50 {b.Percentile(50),8:F2} ms   p99 {b.Percentile(99),8:F2} ms");
            log.WriteLine($"  B / A                                                      p50 {b.Percentile(50) / a.Percentile(50),7:F1}×    p99 {b.Percentile(99) / a.Percentile(99),7:F1}×   ({repeats} timed runs each after {Warmups} untimed)");
            timings.Add(new BaselineTiming(name, ranking, shown, a.Percentile(50), a.Percentile(99), b.Percentile(50), b.Percentile(99)));
        }

        return (timings, false);
    }

    /// <summary>
    /// Verifies the root until every rollup equals the ledger. The first verify wakes every unit; each
    /// heals as it activates (committees pull their children and fold their inboxes from the ledger,
    /// activity groups read their members' tallies from the ledger), so this is the real heal path.
    /// </summary>
    internal static async Task<(bool Ok, double Seconds, double PeakMiB, int Units)> Heal(HttpClient http, CommitteeNetwork network, Process host, TimeSpan deadline, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (calls, refused) = (0, 0);
        while (true)
        {
            calls++;
            using var response = await http.GetAsync($"/api/verify/{network.Root.Code}?waitSeconds=60", ct);
            var verify = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) : null;
            var rss = HostLauncher.CurrentMemoryMiB(host);
            var silo = await SiloFigures.Read(http, top: 4, ct);
            if (verify is null)
            {
                refused++;
            }
            else if (verify["ok"]!.GetValue<bool>())
            {
                var peak = HostLauncher.PeakMemoryMiB(host);
                log.WriteLine($"heal: GET /api/verify/{network.Root.Code} ok after {clock.Elapsed.TotalSeconds:F0} s ({calls} calls, {refused} refused): "
                    + $"{verify["unitsChecked"]} units equal the ledger's aggregation of {verify["ledgerEntries"]} entries; silo {rss:N0} MiB ({silo}), peak {peak:N0} MiB");
                return (true, clock.Elapsed.TotalSeconds, peak, verify["unitsChecked"]!.GetValue<int>());
            }
            else
            {
                log.WriteLine($"heal: {clock.Elapsed.TotalSeconds,5:F0} s, {verify["differences"]!.AsArray().Count} differences, silo {rss:N0} MiB ({silo})");
            }

            if (clock.Elapsed > deadline)
            {
                log.WriteLine($"FAIL: the rollups did not equal the ledger within {deadline.TotalMinutes:F0} min ({calls} verify calls, {refused} refused, last answer {(int)response.StatusCode})");
                return (false, clock.Elapsed.TotalSeconds, HostLauncher.PeakMemoryMiB(host), 0);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    /// <summary>A GET that a busy silo may refuse for a while (503: a call timed out inside the cluster).</summary>
    private static async Task<JsonNode> GetRetrying(HttpClient http, string path, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync(path, ct);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                response.EnsureSuccessStatusCode();
                return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }

    private static BaselineRanking RankingOf(CommitteeNetwork network, NetworkUnit parent, int year, IReadOnlyList<string> columns) =>
        new(parent.Code, parent.Path, year, [.. network.Children(parent).Where(c => c.IsCommittee).Select(c => c.Code)], columns);

    /// <summary>Runs A then B, alternately; every run's answers are compared, not only the first.</summary>
    private static async Task<(LatencyRecorder A, LatencyRecorder B, List<RankedUnit> Ranking, string? Failure)> Time(BaselineRanking ranking, HttpClient http, NpgsqlDataSource db, int repeats, CancellationToken ct)
    {
        var a = new LatencyRecorder();
        var b = new LatencyRecorder();
        List<RankedUnit> live = [];
        for (var i = 0; i < Warmups + repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            live = await ranking.FromRollups(http, ct);
            var liveMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            var sql = await ranking.FromLedger(db, ct);
            var sqlMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (BaselineRanking.Difference(live, sql) is { } difference)
            {
                return (a, b, live, difference);
            }

            if (i >= Warmups)
            {
                a.Add(liveMs);
                b.Add(sqlMs);
            }
        }

        return (a, b, live, null);
    }

    internal static async Task<(long Entries, long TallyRows, string LedgerSize, string TallySize)> Counts(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT count(*) FROM cg_ledger), (SELECT count(*) FROM cg_ledger_tally),
                   pg_size_pretty(pg_total_relation_size('cg_ledger')), pg_size_pretty(pg_total_relation_size('cg_ledger_tally'))
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3));
    }

    private static async Task Execute(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }
}
