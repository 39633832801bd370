using System.Diagnostics;
using System.Net.Http.Json;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Postgres;
using Npgsql;

namespace CommitteeGrid.Bench;

/// <summary>
/// What the least a command needs costs on this machine, stage by stage with the same clients as the
/// plenary run: an anonymous request to the host (HTTP alone), a signed-in read that reaches one grain
/// (HTTP, token, access check, one grain call), a durable ledger append with no HTTP in front of it, and
/// a real submission. A command is at least the second and the third; their CPU summed against the CPU
/// per command that the throughput target leaves on these cores shows how far any design can go here.
/// </summary>
public static class CeilingBench
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>dotnet run -c Release --project bench/CommitteeGrid.Bench -- ceiling [--members 60000] [--seconds 20] [--workers 64] [--target 5000]</summary>
    public static async Task<int> Run(string[] args)
    {
        if (CeilingSettings.Parse(args) is not { } settings)
        {
            Console.Error.WriteLine("usage: ceiling [--members N] [--seconds S] [--workers W] [--target N]");
            return 2;
        }

        using var cancel = new SignalCancellation();
        var networkFile = Path.Combine(Path.GetTempPath(), $"cg-ceiling-{settings.Members}-{Guid.NewGuid():N}.json");
        try
        {
            NetworkJson.WriteFile(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(settings.Members)), networkFile);
            var dll = await HostLauncher.BuildHost();
            await using var launcher = new HostLauncher();
            var postgres = await launcher.StartPostgres();
            var ledgerDb = await CreateDatabase(postgres, "committeegrid_ceiling");
            Console.WriteLine($"storage: PostgreSQL ({postgres}; the ledger stage on its own database)");
            var result = await Execute(settings with { Postgres = postgres, LedgerPostgres = ledgerDb, NetworkFile = networkFile, HostDll = dll }, Console.Out, cancel.Token);
            return result.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.Token.IsCancellationRequested)
        {
            Console.Error.WriteLine("ceiling: cancelled; its silo and PostgreSQL are stopped");
            return 130;
        }
        finally
        {
            File.Delete(networkFile);
        }
    }

    /// <summary>The whole run against two empty databases on one server and a host build; the silo it starts is gone when it returns.</summary>
    public static async Task<CeilingResult> Execute(CeilingSettings settings, TextWriter log, CancellationToken ct)
    {
        var network = CommitteeNetwork.Build(NetworkJson.ReadFile(settings.NetworkFile));
        await using var launcher = new HostLauncher();
        var (url, host) = await launcher.StartBuiltHost(settings.HostDll, settings.Postgres, settings.NetworkFile);
        var cpu = new CpuMeter(host.Id, await CpuMeter.PostmasterOfServer(settings.Postgres));
        log.WriteLine($"silo: {url} (pid {host.Id}); {network.Root.MemberCount:N0} members, {settings.Workers} concurrent clients, {settings.Seconds} s a stage after {WarmUp.TotalSeconds:F0} s unmeasured");

        using var anonymous = LoadClient.Create(url, settings.Workers, TimeSpan.FromMinutes(1));
        using var signedIn = LoadClient.Create(url, settings.Workers, TimeSpan.FromMinutes(1));
        BenchAuth.Authorize(signedIn, network.Root.Code);
        var committees = network.Units.Where(u => u.Kind == UnitKind.Committee).Select(u => u.Code).ToArray();
        var members = network.Units.Where(u => u.Kind == UnitKind.Member).ToArray();
        string? firstFailure = null;
        var stages = new List<CeilingStage>();

        async Task<CeilingStage> Stage(string name, string what, Func<int, long, Task> request, bool countSilo = true)
        {
            var stage = await Drive(name, what, settings, cpu, request, countSilo, failure => firstFailure ??= $"{name}: {failure}", ct);
            log.WriteLine(Describe(stage));
            stages.Add(stage);
            return stage;
        }

        await Stage("http", "GET /health/live, anonymous: Kestrel, routing, the client, loopback TCP", async (_, _) =>
        {
            using var response = await anonymous.GetAsync("/health/live", ct);
            response.EnsureSuccessStatusCode();
        });

        await Stage("read", "GET /api/units/{committee}/tally, signed in: token, access check, one grain call", async (w, n) =>
        {
            var tally = await signedIn.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/units/{committees[(int)((w * 7919 + n) % committees.Length)]}/tally", ct);
            if (tally?["counters"] is null)
            {
                throw new InvalidOperationException("a tally without counters");
            }
        });

        await SchemaMigrator.MigrateAsync(settings.LedgerPostgres, ct);
        await using (var ledger = new PostgresLedger(new PostgresLedgerOptions { ConnectionString = PostgresConnection.WithDefaults(settings.LedgerPostgres)! }))
        {
            await ledger.StartAsync(ct);
            var run = Guid.NewGuid().ToString("N")[..8];
            await Stage("ledger", "durable ledger appends, no HTTP: one entry and its count, batched as the silo batches", async (w, n) =>
            {
                var member = members[(int)((w * 7919 + n) % members.Length)];
                var entry = new LedgerEntry($"ceiling/{run}/{w}/{n}", 1, "report.submitted", """{"title":"关于民生事项的建议"}""", $"ceiling:{run}:{w}:{n}", "h", "ceiling", "staff", null, null,
                    DateTimeOffset.UtcNow, null, [new TallyDelta(member.Code, member.Path, DateTimeOffset.UtcNow.Year, "report.submitted", 1)]);
                if ((await ledger.AppendAsync(entry)).Status != AppendStatus.Appended)
                {
                    throw new InvalidOperationException("an append was not appended");
                }
            }, countSilo: false);
        }

        var submit = await Stage("submit", "POST /api/reports: a real submission, everything a command does", async (w, n) =>
        {
            var author = members[(int)((w * 7919 + n) % members.Length)];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
            {
                Content = JsonContent.Create(new { author = author.Code, title = $"关于第{n}项民生事项的建议", body = "一事一报：情况、原因、建议。" }),
            };
            request.Headers.Add("Idempotency-Key", $"ceiling-{w}-{n}");
            using var response = await signedIn.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
        });

        var result = new CeilingResult(stages, Environment.ProcessorCount, settings.Target, firstFailure);
        log.WriteLine($"  floor     a signed-in request that reaches a grain plus a durable append: {result.FloorMicros:N0} µs of CPU per command, "
            + $"so at most {result.MostPerSecond:N0} commands/s on {result.Cores} cores if a command did nothing else");
        log.WriteLine($"  target    {result.Target:N0} commands/s on {result.Cores} cores leaves {result.BudgetMicros:N0} µs of CPU per command; "
            + $"the floor takes {result.FloorMicros / result.BudgetMicros:P0} of it, a real submission costs {submit.TotalMicros:N0} µs ({submit.TotalMicros / result.BudgetMicros:F1}× the budget)");
        if (firstFailure is not null)
        {
            log.WriteLine($"  first failure  {firstFailure}");
        }

        return result;
    }

    private static async Task<CeilingStage> Drive(string name, string what, CeilingSettings settings, CpuMeter cpu, Func<int, long, Task> request, bool countSilo, Action<string> failed, CancellationToken ct)
    {
        var latency = new LatencyRecorder();
        long requests = 0, failures = 0, measuring = 0;
        var warmUntil = Stopwatch.GetTimestamp() + (long)(WarmUp.TotalSeconds * Stopwatch.Frequency);
        var until = warmUntil + ((long)settings.Seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, settings.Workers).Select(async w =>
        {
            for (long n = 0; Stopwatch.GetTimestamp() < until && !ct.IsCancellationRequested; n++)
            {
                var sent = Stopwatch.GetTimestamp();
                var measured = Interlocked.Read(ref measuring) == 1;
                try
                {
                    await request(w, n);
                    if (measured)
                    {
                        latency.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        Interlocked.Increment(ref requests);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    failed(ex.Message);
                }
            }
        }).ToList();

        // The measured window opens after the warm-up, on the same running clients.
        await Task.Delay(WarmUp, ct);
        var before = cpu.Sample();
        var started = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref measuring, 1);
        await Task.WhenAll(workers);
        var used = cpu.Sample() - before;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        ct.ThrowIfCancellationRequested();
        return new CeilingStage(name, what, requests, failures, seconds, latency.Percentile(50), latency.Percentile(99), used, countSilo);
    }

    private static string Describe(CeilingStage s) =>
        $"  {s.Name,-9} {s.PerSecond:N0}/s, p50 {s.P50:F1} ms, p99 {s.P99:F1} ms, {s.Failed:N0} failed; CPU per request: silo {s.SiloMicros:N0} µs, "
        + $"PostgreSQL {s.PostgresMicros:N0} µs, load generator {s.LoadGeneratorMicros:N0} µs = {s.TotalMicros:N0} µs{(s.CountSilo ? "" : " (the idle silo left out)")}"
        + $"{Environment.NewLine}            {s.What}";

    private static async Task<string> CreateDatabase(string server, string name)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
