using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Network;
using Npgsql;

namespace CommitteeGrid.Bench;

/// <summary>
/// Plenary peak under chaos (PostgreSQL mode): one silo takes a steady stream of commands; two more
/// join; one leaves gracefully (SIGTERM); another is killed (SIGKILL); the load goes on throughout.
/// Then: every acknowledged command must be in the ledger, verify must find no difference, and the
/// run reports how long the rollups took to converge after the kill.
/// </summary>
public static class ChaosScenario
{
    // Phases, as fractions of the planned load time; each also waits for the one before to finish.
    private const double AddAt = 0.15;
    private const double StopAt = 0.45;
    private const double KillAt = 0.65;
    private const double MinLoadAfterKill = 0.25;
    private const double MaxWaitForVote = 60;
    private const double LoadAfterVote = 5;

    /// <summary>dotnet run -c Release --project bench/CommitteeGrid.Bench -- chaos [--members N] [--seconds S] [--workers W] [--heal-interval S]</summary>
    public static async Task<int> Run(string[] args)
    {
        if (ChaosSettings.Parse(args) is not { } settings)
        {
            Console.Error.WriteLine("usage: chaos [--members N] [--seconds S] [--workers W] [--heal-interval S]");
            return 2;
        }

        using var cancel = new SignalCancellation();

        var networkFile = Path.Combine(Path.GetTempPath(), $"cg-chaos-{settings.Members}-{Guid.NewGuid():N}.json");
        try
        {
            var clock = Stopwatch.StartNew();
            NetworkJson.WriteFile(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(settings.Members)), networkFile);
            Console.WriteLine($"network: {settings.Members:N0} members generated in {clock.Elapsed.TotalSeconds:F1} s ({networkFile})");

            var root = HostLauncher.RepositoryRoot();
            await RunTool("dotnet", ["build", "-c", "Release", "-v:q", "--nologo", Path.Combine(root, "src", "CommitteeGrid.Host")]);
            var dll = Path.Combine(root, "src", "CommitteeGrid.Host", "bin", "Release", "net10.0", "CommitteeGrid.Host.dll");

            await using var launcher = new HostLauncher();
            var postgres = await launcher.StartPostgres();
            Console.WriteLine($"storage: PostgreSQL ({postgres})");

            var result = await Execute(settings with { Postgres = postgres, NetworkFile = networkFile, HostDll = dll }, Console.Out, cancel.Token);
            return result.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.Token.IsCancellationRequested)
        {
            Console.Error.WriteLine("chaos: cancelled; its silos and PostgreSQL are stopped");
            return 130;
        }
        finally
        {
            File.Delete(networkFile);
        }
    }

    /// <summary>The whole scenario against an existing database and host build; every silo it starts is gone when it returns.</summary>
    public static async Task<ChaosResult> Execute(ChaosSettings settings, TextWriter output, CancellationToken ct)
    {
        var log = TextWriter.Synchronized(output);
        var network = CommitteeNetwork.Build(NetworkJson.ReadFile(settings.NetworkFile));
        var members = network.Units.Where(u => u.Kind == UnitKind.Member).ToList();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var router = new ChaosRouter();
        var silos = new List<ChaosSilo>();
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Workers + 4,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            // Each attempt has its own deadline (ChaosLoad); verify has its own.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        BenchAuth.Authorize(http, network.Root.Code);
        var load = new ChaosLoad(http, router, network, members, runId);
        void Phase(string text) => log.WriteLine($"[{DateTime.Now:HH:mm:ss.f} {load.Now,7:F1} s] {text}");

        using var stop = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(abort.Token);
        Task? running = null;
        Task? progress = null;
        Task<double?>? deathWatch = null;
        try
        {
            Phase($"starting silo 1 ({members.Count:N0} members, {settings.Workers} workers, {settings.Seconds} s of load planned)");
            var first = await StartSilo(1);

            var loadStart = load.Now;
            Phase($"load starts on silo 1 ({first.Url})");
            running = load.Run(settings.Workers, stop.Token, abort.Token);
            progress = Progress(load, router, log, stop.Token);

            await Until(loadStart + (AddAt * settings.Seconds));
            Phase("adding silos 2 and 3");
            var added = await Task.WhenAll(StartSilo(2), StartSilo(3));

            await Until(loadStart + (StopAt * settings.Seconds));
            Phase($"stopping silo 1 gracefully (SIGTERM, pid {first.Pid})");
            router.Remove(first.Url);
            var stopClock = Stopwatch.StartNew();
            var graceful = await first.StopGracefully(TimeSpan.FromSeconds(60));
            var gracefulSeconds = stopClock.Elapsed.TotalSeconds;
            Phase(graceful ? $"silo 1 left in {gracefulSeconds:F1} s" : $"silo 1 did not stop within 60 s and was killed");

            await Until(loadStart + (KillAt * settings.Seconds));
            var victim = added[0];
            var survivor = added[1];
            var inFlight = router.InFlight(victim.Url);
            await victim.Kill();
            var killedAt = load.Now;
            router.Remove(victim.Url);
            Phase($"silo 2 killed (SIGKILL, pid {victim.Pid}) with {inFlight} requests in flight on it");
            deathWatch = WatchMembership(settings.Postgres, victim.SiloPort, load, killedAt, Phase, stopWatching.Token);

            await Until(Math.Max(loadStart + settings.Seconds, killedAt + (MinLoadAfterKill * settings.Seconds)));
            // Keep driving until the cluster has voted the dead silo out and served a while longer: that
            // recovery, under load, is what the run is about (a dead silo stalls calls until the vote).
            var voteDeadline = Task.Delay(TimeSpan.FromSeconds(Math.Max(0, killedAt + MaxWaitForVote - load.Now)), abort.Token);
            await Task.WhenAny(deathWatch, voteDeadline);
            var deadAt = deathWatch.IsCompletedSuccessfully && deathWatch.Result is { } d ? killedAt + d : (double?)null;
            if (deadAt is { } dead)
            {
                await Until(dead + LoadAfterVote);
            }

            Phase("load stops; finishing the commands in flight");
            stop.Cancel();
            var stoppedAt = load.Now;
            await running;
            var loadEnd = load.Now;
            await progress;
            Phase($"load stopped: {load.Acknowledged:N0} commands acknowledged in {loadEnd - loadStart:F0} s, {load.Retries:N0} retries");

            var convergence = await AwaitConvergence(http, survivor.Url, settings.VerifyWaitSeconds, load, killedAt, Phase, abort.Token);
            Phase(convergence is { } c ? $"converged: verify ok {c:F1} s after the kill" : $"no convergence within {settings.VerifyWaitSeconds} s");

            Phase($"verify on silo 3 (waitSeconds={settings.VerifyWaitSeconds})");
            var verify = await Verify(http, survivor.Url, settings.VerifyWaitSeconds, abort.Token);
            var verifyOk = verify?["ok"]?.GetValue<bool>() == true;
            var differences = verify?["differences"]?.AsArray() ?? [];

            Phase("looking for every acknowledged key in cg_ledger");
            var (checkedKeys, missing) = await FindMissing(settings.Postgres, BenchAuth.UserFor(network.Root.Code), [.. load.Acks.Select(a => a.Key)], abort.Token);
            // By now the vote is long over; if it never came, waiting longer shows nothing new.
            stopWatching.Cancel();
            var deadAfter = await deathWatch;

            var result = new ChaosResult
            {
                Acknowledged = load.Acknowledged,
                Replayed = load.Replayed,
                Refused = load.Refused,
                FirstRefusal = load.FirstRefusal,
                Unresolved = load.Unresolved,
                Retries = load.Retries,
                Unavailable = load.Unavailable,
                OtherServerErrors = load.OtherServerErrors,
                ConnectionErrors = load.ConnectionErrors,
                Timeouts = load.Timeouts,
                KeysChecked = checkedKeys,
                KeysMissing = missing.Count,
                VerifyOk = verifyOk,
                Differences = differences.Count,
                LedgerEntries = verify?["ledgerEntries"]?.GetValue<long>() ?? -1,
                ConvergenceSeconds = convergence,
                KilledSiloDeadAfterSeconds = deadAfter,
                GracefulStopSeconds = gracefulSeconds,
                GracefulStopClean = graceful,
                KillAtSeconds = killedAt - loadStart,
                LoadSeconds = loadEnd - loadStart,
                AcksBeforeKill = load.AcknowledgedBetween(killedAt - 3, killedAt),
                AcksAfterKill = load.AcknowledgedBetween(killedAt, stoppedAt),
                AcksAfterVote = deadAt is { } v ? load.AcknowledgedBetween(v, stoppedAt) : 0,
                StalledSeconds = load.SecondsWithoutAcks(killedAt, stoppedAt),
                InFlightOnVictimAtKill = inFlight,
            };
            Report(log, settings, result, missing, differences);
            if (!result.Passed)
            {
                log.WriteLine($"--- silo 3 (survivor), last lines ---\n{survivor.Tail}");
            }

            return result;
        }
        finally
        {
            stop.Cancel();
            abort.Cancel();
            foreach (var task in new[] { running, progress, deathWatch })
            {
                try
                {
                    if (task is not null)
                    {
                        await task;
                    }
                }
                catch (Exception)
                {
                    // Already observed on the normal path; on a failed or cancelled one the first
                    // error is the one to report, and what matters now is that nothing stays running.
                }
            }

            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }

        async Task<ChaosSilo> StartSilo(int index)
        {
            var silo = await ChaosSilo.Start(index, settings, abort.Token);
            lock (silos)
            {
                silos.Add(silo);
            }

            router.Add(silo.Url);
            Phase($"silo {index} ready: {silo.Url} (pid {silo.Pid}, silo port {silo.SiloPort})");
            return silo;
        }

        async Task Until(double second)
        {
            var wait = second - load.Now;
            if (wait > 0)
            {
                // Wake early if the load itself failed: there is no point driving phases then.
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(wait), abort.Token), running!);
            }

            abort.Token.ThrowIfCancellationRequested();
            if (running!.IsFaulted)
            {
                await running;
            }
        }
    }

    private static async Task Progress(ChaosLoad load, ChaosRouter router, TextWriter log, CancellationToken stop)
    {
        var last = 0L;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var acked = load.Acknowledged;
            log.WriteLine($"[{DateTime.Now:HH:mm:ss.f} {load.Now,7:F1} s]   {acked:N0} acked ({(acked - last) / 5.0:N0}/s), {load.Retries:N0} retries ({load.Unavailable:N0}× 503, {load.ConnectionErrors:N0} connection errors, {load.Timeouts:N0} timeouts), {router.Live.Count} silos routed");
            last = acked;
        }
    }

    /// <summary>Polls the membership table until the killed silo is marked Dead (status 6); seconds since the kill.</summary>
    private static async Task<double?> WatchMembership(string postgres, int siloPort, ChaosLoad load, double killedAt, Action<string> phase, CancellationToken ct)
    {
        try
        {
            while (load.Now - killedAt < 300)
            {
                try
                {
                    await using var db = new NpgsqlConnection(postgres);
                    await db.OpenAsync(ct);
                    await using var cmd = new NpgsqlCommand("SELECT status FROM orleans_membership WHERE port = $1 ORDER BY generation DESC LIMIT 1", db);
                    cmd.Parameters.AddWithValue(siloPort);
                    if (await cmd.ExecuteScalarAsync(ct) is int status && status == 6)
                    {
                        var after = load.Now - killedAt;
                        phase($"membership: the killed silo 2 is Dead, {after:F1} s after the kill");
                        return after;
                    }
                }
                catch (NpgsqlException)
                {
                    // An observer only: try again on the next tick.
                }

                await Task.Delay(500, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended first.
        }

        return null;
    }

    /// <summary>Verify with waitSeconds=0 every 500 ms until it reports ok; seconds from the kill, or null.</summary>
    private static async Task<double?> AwaitConvergence(HttpClient http, string url, int limitSeconds, ChaosLoad load, double killedAt, Action<string> phase, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var lastSaid = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromSeconds(limitSeconds))
        {
            var verify = await Verify(http, url, 0, ct);
            if (verify?["ok"]?.GetValue<bool>() == true)
            {
                return load.Now - killedAt;
            }

            if (clock.Elapsed - lastSaid >= TimeSpan.FromSeconds(5))
            {
                lastSaid = clock.Elapsed;
                phase(verify is null ? "  verify: no answer yet" : $"  verify: {verify["differences"]?.AsArray().Count} differences");
            }

            await Task.Delay(500, ct);
        }

        return null;
    }

    /// <summary>GET /api/verify/CN; null when the silo gives no usable answer (503, timeout).</summary>
    private static async Task<JsonNode?> Verify(HttpClient http, string url, int waitSeconds, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(waitSeconds + 60));
        try
        {
            using var response = await http.GetAsync($"{url}/api/verify/CN?waitSeconds={waitSeconds}", timeout.Token);
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) : null;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>Each acknowledged key must be one ledger entry: idem_key is the signed-in user and the key.</summary>
    private static async Task<(long Checked, List<string> Missing)> FindMissing(string postgres, string user, string[] keys, CancellationToken ct)
    {
        var missing = new List<string>();
        await using var db = new NpgsqlConnection(postgres);
        await db.OpenAsync(ct);
        foreach (var chunk in keys.Chunk(5000))
        {
            await using var cmd = new NpgsqlCommand("SELECT idem_key FROM cg_ledger WHERE idem_key = ANY($1)", db);
            cmd.Parameters.AddWithValue(chunk.Select(k => $"{user}:{k}").ToArray());
            var found = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    found.Add(reader.GetString(0));
                }
            }

            missing.AddRange(chunk.Where(k => !found.Contains($"{user}:{k}")));
        }

        return (keys.Length, missing);
    }

    private static void Report(TextWriter log, ChaosSettings settings, ChaosResult r, List<string> missing, JsonArray differences)
    {
        static string S(double? seconds) => seconds is { } s ? $"{s:F1} s" : "not seen";
        log.WriteLine();
        log.WriteLine($"chaos, PostgreSQL mode, {settings.Members:N0} members, {settings.Workers} clients, {r.LoadSeconds:F0} s of load: 1 silo, +2, one stopped (SIGTERM), one killed (SIGKILL)");
        log.WriteLine($"  acknowledged            {r.Acknowledged:N0} commands ({r.Acknowledged / Math.Max(1, r.LoadSeconds):N0}/s), {r.Replayed:N0} of them answered as replays of an earlier attempt");
        log.WriteLine($"  retries                 {r.Retries:N0}: {r.Unavailable:N0}× 503, {r.OtherServerErrors:N0}× other 5xx, {r.ConnectionErrors:N0} connection errors, {r.Timeouts:N0} timeouts");
        log.WriteLine($"  refused / unresolved    {r.Refused:N0} / {r.Unresolved:N0}{(r.FirstRefusal is null ? "" : $"  first: {r.FirstRefusal}")}");
        log.WriteLine($"  (a) lost                {r.KeysMissing:N0} of {r.KeysChecked:N0} acknowledged keys missing from cg_ledger{(missing.Count > 0 ? $" (e.g. {string.Join(", ", missing.Take(5))})" : "")}");
        log.WriteLine($"  (b) verify              {(r.VerifyOk ? "ok, 0 differences" : $"FAILED, {r.Differences} differences")}, {r.LedgerEntries:N0} ledger entries");
        foreach (var difference in differences.Take(5))
        {
            log.WriteLine($"        {difference?.ToJsonString()}");
        }

        log.WriteLine($"  (c) convergence         {S(r.ConvergenceSeconds)} after the kill");
        log.WriteLine($"  the kill                {r.KillAtSeconds:F1} s into the load, {r.InFlightOnVictimAtKill} requests in flight on the victim, {r.AcksBeforeKill:N0} acks in the 3 s before");
        log.WriteLine($"  after the kill          {r.AcksAfterKill:N0} acks until the load stopped, {r.AcksAfterVote:N0} of them after the vote; {r.StalledSeconds} whole seconds without any ack");
        log.WriteLine($"  killed silo Dead after  {S(r.KilledSiloDeadAfterSeconds)} (membership table)");
        log.WriteLine($"  graceful stop took      {r.GracefulStopSeconds:F1} s{(r.GracefulStopClean ? "" : " and ended in SIGKILL")}");
        log.WriteLine($"  result                  {(r.Passed ? "PASS" : "FAIL")}");
    }

    private static async Task RunTool(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
