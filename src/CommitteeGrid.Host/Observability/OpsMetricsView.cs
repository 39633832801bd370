namespace CommitteeGrid.Host.Observability;

/// <summary>GET /api/ops/metrics: this silo over the last minute, for an operator with nothing but a browser or curl.</summary>
public sealed record OpsMetricsView(
    string Silo,
    DateTimeOffset At,
    double UptimeSeconds,
    int WindowSeconds,
    CommandsView Commands,
    LedgerView Ledger,
    IReadOnlyDictionary<string, LatencyView> Freshness,
    PublishesView RollupPublishes,
    ProcessView Process,
    IReadOnlyDictionary<string, int> Activations);

/// <summary>Commands accepted (appended to the ledger): per second over the window and the last 10 s; totals since start by kind.</summary>
public sealed record CommandsView(long Total, double PerSecond, double PerSecondLast10s, IReadOnlyDictionary<string, long> ByKind);

/// <summary>Retries: transactions rolled back by a deadlock or serialization failure and tried again, since start.</summary>
public sealed record LedgerView(LatencyView Append, BatchView Batches, long Retries);

/// <summary>Milliseconds; percentiles read from buckets 10% wide.</summary>
public sealed record LatencyView(long Count, double P50Ms, double P99Ms, double MaxMs, double MeanMs);

/// <summary>Entries per ledger transaction.</summary>
public sealed record BatchView(long Count, double PerSecond, double MeanSize, double P50Size, double P99Size, double MaxSize);

public sealed record PublishesView(double PerSecond, IReadOnlyDictionary<string, double> PerSecondByLevel);

/// <summary>
/// CPU in cores (1.0 is one core busy), memory in MiB; GC pauses since the process started (every thread
/// stops for them, so they show directly in acknowledgement latency).
/// </summary>
public sealed record ProcessView(
    double CpuCores,
    int ProcessorCount,
    double WorkingSetMiB,
    double GcHeapMiB,
    double GcCommittedMiB,
    string GcMode,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseMs,
    double GcPausePercent,
    int ThreadPoolThreads,
    long ThreadPoolQueue);
