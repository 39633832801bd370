using System.Diagnostics;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Bench;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Storage;
using Npgsql;

// dotnet run -c Release --project bench/CommitteeGrid.Bench -- plenary [--members 60000] [--seconds 60]
//     [--workers 64] [--history 1000000] [--repeats 20] [--embedded] [--env NAME=VALUE]... [--url URL --network FILE]   (a host it did not start: CG_TOKEN=bearer token)
// One file per benchmark; Program only dispatches.
switch (args.FirstOrDefault())
{
    case "ledger" when args.Length >= 2:
        // ledger CONNECTION [writers] [seconds]
        return await LedgerBench.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10);
    case "plenary":
        break;
    case "baseline":
        // baseline [--members N] [--entries N] [--repeats N]
        return await BaselineBench.Run(args[1..]);
    case "ceiling":
        // ceiling [--members N] [--seconds S] [--workers W] [--target N]
        return await CeilingBench.Run(args[1..]);
    case "chaos":
        // chaos [--members N] [--seconds S] [--workers W] [--heal-interval S]
        return await ChaosScenario.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: CommitteeGrid.Bench plenary|baseline|chaos|ceiling|ledger ... (see docs/operations.md)");
        return 2;
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: plenary [--members N] [--seconds S] [--warmup S] [--workers W] [--history ENTRIES] [--repeats N] [--embedded] [--env NAME=VALUE]... [--url URL --network FILE]");
    return 2;
}

await using var launcher = new HostLauncher();
foreach (var (name, value) in options.Environment)
{
    launcher.Environment[name] = value;
}

string networkFile;
string url;
Process? host = null;
NpgsqlDataSource? db = null;
BaselineLedger? history = null;
if (options.Url is not null)
{
    url = options.Url;
    networkFile = options.NetworkFile!;
}
else
{
    networkFile = Path.Combine(Path.GetTempPath(), $"cg-bench-{options.Members}.json");
    var clock = Stopwatch.StartNew();
    NetworkJson.WriteFile(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(options.Members)), networkFile);
    Console.WriteLine($"network: {options.Members:N0} members generated in {clock.Elapsed.TotalSeconds:F1} s ({networkFile})");
    var postgres = options.Embedded ? null : await launcher.StartPostgres();
    Console.WriteLine(postgres is null ? "storage: embedded (memory ledger)" : $"storage: PostgreSQL ({postgres})");
    if (postgres is not null && options.History > 0)
    {
        // A year of history before the peak: the peak meets full tables, and the baseline has its rows.
        await SchemaMigrator.MigrateAsync(postgres, CancellationToken.None);
        db = NpgsqlDataSource.Create(postgres);
        (history, _, _) = await BaselineBench.LoadHistory(db, CommitteeNetwork.Build(NetworkJson.ReadFile(networkFile)), options.History, seed: 4, Console.Out);
    }

    (url, host) = await launcher.StartHost(postgres, networkFile);
    Console.WriteLine($"silo: {url} (pid {host.Id})");
}

var network = CommitteeNetwork.Build(NetworkJson.ReadFile(networkFile));
if (ProbeScope.Choose(network) is not { } scope)
{
    Console.Error.WriteLine($"plenary: the network of {network.Root.MemberCount:N0} members is one activity group; the freshness probe needs a unit the load leaves alone. Use --members 30 or more.");
    return 2;
}

using var http = LoadClient.Create(url, options.Workers, TimeSpan.FromMinutes(3));
BenchAuth.Authorize(http, network.Root.Code, ownHost: options.Url is null);
var api = new Api(http);

if (history is not null && host is not null)
{
    // The silo rebuilds its rollups from the loaded year by its own heal path before any load.
    var healed = await BaselineBench.Heal(http, network, host, TimeSpan.FromMinutes(15), Console.Out, CancellationToken.None);
    if (!healed.Ok)
    {
        return 1;
    }

    // Verify is satisfied once the tallies are right, but each committee's first inbox heal then folds
    // the year's reports from the ledger: start the load on a silo that has finished starting up.
    await Settle(new CpuMeter(host.Id, CpuMeter.PostmasterOf(launcher.PostgresFolder)));
}

// Warm-up, not measured: JIT, connection pool, first activations. Its own reports and members (seed 1).
if (options.WarmupSeconds > 0)
{
    var warm = new PlenaryLoad(api, network, scope.LoadMembers, seed: 1);
    await warm.Run(options.Workers, TimeSpan.FromSeconds(options.WarmupSeconds), CancellationToken.None);
}

var load = new PlenaryLoad(api, network, scope.LoadMembers, seed: 2);
var probe = new FreshnessProbe(api, scope.Unit, scope.ProbeMembers);
using var stopProbe = new CancellationTokenSource();
var probing = probe.Run(stopProbe.Token);
var cpu = host is null ? null : new CpuMeter(host.Id, CpuMeter.PostmasterOf(launcher.PostgresFolder));
var cpuBefore = cpu?.Sample();
var loadBefore = LoadAverage();
var slices = new IntervalMeter(() => load.Acknowledged, cpu, TimeSpan.FromSeconds(30));
using var stopSlices = new CancellationTokenSource();
var slicing = slices.Run(stopSlices.Token);
var opsBefore = host is null ? null : await SiloFigures.Snapshot(http, CancellationToken.None);
var measured = Stopwatch.StartNew();
await load.Run(options.Workers, TimeSpan.FromSeconds(options.Seconds), CancellationToken.None);
var elapsed = measured.Elapsed.TotalSeconds;
stopSlices.Cancel();
await slicing;
var loadAfter = LoadAverage();
var cpuUsed = cpu is null ? null : cpu.Sample() - cpuBefore!;
stopProbe.Cancel();
await probing;
// Before verify, which wakes every member to compare it.
var opsAfter = host is null ? null : await SiloFigures.Snapshot(http, CancellationToken.None);

var verifyClock = Stopwatch.StartNew();
// Verify asks every unit's grain, waking those not active: at the national size one pass takes minutes,
// so it is given longer than the commands' 3-minute client timeout (the API allows up to 120 s of waiting).
var verifyWait = Math.Clamp(network.Units.Count() / 5_000, 60, 120);
using var verifyHttp = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(verifyWait) + TimeSpan.FromMinutes(10) };
BenchAuth.Authorize(verifyHttp, network.Root.Code, ownHost: options.Url is null);
var verify = await new Api(verifyHttp).Verify(network.Root.Code, waitSeconds: verifyWait);
var verified = verify["ok"]!.GetValue<bool>();

Console.WriteLine();
Console.WriteLine($"plenary peak, {(options.Embedded ? "embedded" : "PostgreSQL")} mode, {network.Root.MemberCount:N0} members, {options.Workers} concurrent clients, {elapsed:F0} s over HTTP after {options.WarmupSeconds} s of warm-up");
Console.WriteLine($"  machine                 {Environment.ProcessorCount} cores, load average {loadBefore} before, {loadAfter} after (other work on the machine distorts every figure)"
    + (options.Environment.Count > 0 ? $"; silo environment {string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}"))}" : ""));
Console.WriteLine($"  durable commands/s      {load.Acknowledged / elapsed:N0}  ({load.Acknowledged:N0} acknowledged, {load.Failed:N0} failed)");
if (slices.Summary() is { } bySlice)
{
    Console.WriteLine($"  by 30 s                 {bySlice}");
}

Console.WriteLine($"  acknowledgement         {load.Acks.Summary()}");
Console.WriteLine($"  by command              {string.Join("; ", load.AcksByCommand.Where(c => c.Value.Count > 0).Select(c => $"{c.Key} p50 {c.Value.Percentile(50):F1} / p99 {c.Value.Percentile(99):F1} ms ({c.Value.Count:N0})"))}");
if (cpuUsed is not null && load.Acknowledged > 0)
{
    // CPU per command hardly depends on what else the machine runs; throughput does. So: what the cores would carry.
    var perCommand = 1e6 / load.Acknowledged;
    var (silo, pg, client) = (cpuUsed.Silo * perCommand, cpuUsed.Postgres * perCommand, cpuUsed.LoadGenerator * perCommand);
    Console.WriteLine($"  CPU per command         silo {silo:N0} µs, PostgreSQL {pg:N0} µs, load generator {client:N0} µs "
        + $"(silo busy {cpuUsed.Silo / elapsed:F2} cores, PostgreSQL {cpuUsed.Postgres / elapsed:F2}, load generator {cpuUsed.LoadGenerator / elapsed:F2})");
    Console.WriteLine($"  on {Environment.ProcessorCount} idle cores        about {Environment.ProcessorCount * 1e6 / (silo + pg + client):N0} commands/s with all three on them, "
        + $"{Environment.ProcessorCount * 1e6 / (silo + pg):N0} with the load generator elsewhere (CPU-bound estimate)");
}

Console.WriteLine($"  freshness (ack → {scope.UnitLabel} tally)  {probe.Freshness.Summary()}, {probe.TimedOut} over 10 s"
    + (scope.Unit.Level == CommitteeLevel.Province ? "" : $" (the network has one province, so the probe watches {scope.Unit.Name}, {scope.ProbeMembers.Count:N0} members the load leaves alone)"));
if (host is not null)
{
    Console.WriteLine($"  silo peak memory        {HostLauncher.PeakMemoryMiB(host):N0} MiB");
    Console.WriteLine($"  silo at the end         {(opsAfter is null ? "figures unavailable" : SiloFigures.Describe(opsAfter, top: 6))}");
    if (opsBefore is not null && opsAfter is not null)
    {
        Console.WriteLine($"  silo during the run     {SiloFigures.Pauses(opsBefore, opsAfter, elapsed)}");
    }

    if (opsAfter is not null)
    {
        Console.WriteLine($"  freshness under load    {SiloFigures.Freshness(opsAfter)}");
        Console.WriteLine($"  rollup publishes        {SiloFigures.Publishes(opsAfter)}");
    }
}

Console.WriteLine($"  verify                  {(verified ? "0 differences" : $"{verify["differences"]!.AsArray().Count} differences")} across {verify["unitsChecked"]} units, {verify["ledgerEntries"]} ledger entries, settled in {verifyClock.Elapsed.TotalSeconds:F1} s");
foreach (var d in verified ? [] : verify["differences"]!.AsArray().Take(5))
{
    Console.WriteLine($"    {d!["unit"]} {d["counter"]}: rollup {d["rollup"]}, ledger {d["ledger"]}");
}

if (load.FirstFailure is not null)
{
    Console.WriteLine($"  first failure           {load.FirstFailure}");
}

// The baseline on the same data: the loaded year with the peak on top.
var rankingsAgree = true;
if (db is not null && history is not null)
{
    Console.WriteLine();
    Console.WriteLine($"baseline: the rankings timed two ways on this run's data ({(await BaselineBench.Counts(db)).Entries:N0} ledger rows: {options.History:N0} loaded before the silo started, the rest from the load)");
    var (_, failed) = await BaselineBench.CompareRankings(network, history.Year, http, db, options.Repeats, Console.Out, CancellationToken.None);
    rankingsAgree = !failed;
}
else if (host is not null && !options.Embedded)
{
    Console.WriteLine($"baseline: not run (--history 0); it needs at least 1,000,000 ledger rows");
}

if (db is not null)
{
    await db.DisposeAsync();
}

return verified && load.Failed == 0 && rankingsAgree ? 0 : 1;

// Waits until the silo and PostgreSQL together use less than half a core over 5 s (at most 5 minutes).
static async Task Settle(CpuMeter cpu)
{
    var clock = Stopwatch.StartNew();
    var windows = new List<double>();
    var before = cpu.Sample();
    var quiet = false;
    while (!quiet && clock.Elapsed < TimeSpan.FromMinutes(5))
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = cpu.Sample();
        var used = after - before;
        before = after;
        windows.Add((used.Silo + used.Postgres) / 5);
        quiet = windows[^1] < 0.5;
    }

    var busy = string.Join(", ", windows.Select(w => w.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));
    Console.WriteLine(quiet
        ? $"settle: {clock.Elapsed.TotalSeconds:F0} s until the silo and PostgreSQL were quiet (cores busy by 5 s: {busy})"
        : $"settle: still busy after {clock.Elapsed.TotalSeconds:F0} s; the load starts anyway (cores busy by 5 s: {busy})");
}

// The 1-minute load average: how busy the machine was apart from this run.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
