using System.Runtime;
using CommitteeGrid.Domain.Telemetry;
using Orleans.Runtime;

namespace CommitteeGrid.Host.Observability;

/// <summary>Reads the collector's windows, the process and this silo's activations into one snapshot.</summary>
public sealed class OpsMetricsReader(MetricsCollector collector, IGrainFactory grains, ILocalSiloDetails silo, TimeProvider clock)
{
    public const int WindowSeconds = MetricWindow.Seconds;

    public async Task<OpsMetricsView> Read()
    {
        var now = clock.GetUtcNow();
        var uptime = now - collector.Started;
        // A young silo has not lived the whole window: rates are per second it has lived.
        var span = Math.Clamp((int)uptime.TotalSeconds, 1, WindowSeconds);
        var recent = Math.Min(span, 10);

        var commands = collector.Window(CommitteeGridMetrics.CommandsName, span);
        var commandsRecent = collector.Window(CommitteeGridMetrics.CommandsName, recent);
        var totals = collector.Totals(CommitteeGridMetrics.CommandsName);
        var append = Merge(collector.Window(CommitteeGridMetrics.AppendDurationName, span));
        var batches = Merge(collector.Window(CommitteeGridMetrics.BatchSizeName, span));
        var publishes = collector.Window(CommitteeGridMetrics.PublishesName, span);
        var freshness = collector.Window(CommitteeGridMetrics.FreshnessName, span);

        var gc = GC.GetGCMemoryInfo();
        var pool = ThreadPool.ThreadCount;
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([silo.SiloAddress]);

        return new OpsMetricsView(
            silo.SiloAddress.ToString(),
            now,
            Math.Round(uptime.TotalSeconds, 1),
            span,
            new CommandsView(
                (long)totals.Values.Sum(),
                Rate(commands.Values.Sum(w => w.Sum), span),
                Rate(commandsRecent.Values.Sum(w => w.Sum), recent),
                totals.Where(t => t.Key != "").OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => (long)t.Value, StringComparer.Ordinal)),
            new LedgerView(
                Latency(append),
                batches is null
                    ? new BatchView(0, 0, 0, 0, 0, 0)
                    : new BatchView(batches.Count, Rate(batches.Count, span), Round(batches.Mean), Round(batches.Percentile(50)), Round(batches.Percentile(99)), batches.Max),
                (long)collector.Totals(CommitteeGridMetrics.BatchRetriesName).Values.Sum()),
            Order(freshness).ToDictionary(f => f.Key, f => Latency(f.Value), StringComparer.Ordinal),
            new PublishesView(
                Rate(publishes.Values.Sum(w => w.Sum), span),
                Order(publishes).ToDictionary(p => p.Key, p => Rate(p.Value.Sum, span), StringComparer.Ordinal)),
            new ProcessView(
                Round(collector.CpuCores(Math.Min(span, 10))),
                Environment.ProcessorCount,
                MiB(Environment.WorkingSet),
                MiB(gc.HeapSizeBytes),
                MiB(gc.TotalCommittedBytes),
                GCSettings.IsServerGC ? "server" : "workstation",
                GC.CollectionCount(0),
                GC.CollectionCount(1),
                GC.CollectionCount(2),
                Round(GC.GetTotalPauseDuration().TotalMilliseconds),
                Round(gc.PauseTimePercentage),
                pool,
                ThreadPool.PendingWorkItemCount),
            statistics
                .GroupBy(s => s.GrainType, StringComparer.Ordinal)
                .OrderByDescending(g => g.Sum(s => s.ActivationCount))
                .ToDictionary(g => ShortType(g.Key), g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal));
    }

    /// <summary>Units from the national committee down to members, in the tree's order; anything else after.</summary>
    private static IEnumerable<KeyValuePair<string, WindowSummary>> Order(IReadOnlyDictionary<string, WindowSummary> byLevel)
    {
        string[] order = ["member", "group", "office", "county", "city", "province", "national"];
        return byLevel.OrderBy(l => Array.IndexOf(order, l.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(l => l.Key, StringComparer.Ordinal);
    }

    private static WindowSummary? Merge(IReadOnlyDictionary<string, WindowSummary> byTag) => byTag.GetValueOrDefault("");

    private static LatencyView Latency(WindowSummary? w) =>
        w is null ? new LatencyView(0, 0, 0, 0, 0) : new LatencyView(w.Count, Round(w.Percentile(50)), Round(w.Percentile(99)), Round(w.Max), Round(w.Mean));

    private static double Rate(double total, int seconds) => Round(total / seconds);

    private static double Round(double value) => Math.Round(value, 2);

    private static double MiB(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

    /// <summary>"CommitteeGrid.Grains.Units.MemberGrain,CommitteeGrid.Grains" → "MemberGrain".</summary>
    private static string ShortType(string type)
    {
        var name = type.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
