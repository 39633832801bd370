using System.Diagnostics.Metrics;

namespace CommitteeGrid.Domain.Telemetry;

/// <summary>
/// The service's own measurements, on the .NET meter "CommitteeGrid": any metrics tool (dotnet-counters,
/// OpenTelemetry) can listen, and GET /api/ops/metrics summarises them for operators without one. One
/// instance per host (created through the host's meter factory), so several hosts in one process stay apart.
/// </summary>
public sealed class CommitteeGridMetrics
{
    public const string MeterName = "CommitteeGrid";

    public const string CommandsName = "committeegrid.commands";
    public const string AppendDurationName = "committeegrid.ledger.append.duration";
    public const string BatchSizeName = "committeegrid.ledger.batch.size";
    public const string BatchRetriesName = "committeegrid.ledger.batch.retries";
    public const string FreshnessName = "committeegrid.rollup.freshness";
    public const string PublishesName = "committeegrid.rollup.publishes";

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _appendDuration;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _batchRetries;
    private readonly Histogram<double> _freshness;
    private readonly Counter<long> _publishes;

    public CommitteeGridMetrics(IMeterFactory factory)
    {
        Meter = factory.Create(MeterName);
        _commands = Meter.CreateCounter<long>(CommandsName, "{command}", "Commands accepted: entries appended to the ledger, by kind");
        _appendDuration = Meter.CreateHistogram<double>(AppendDurationName, "ms", "From a ledger append's request to its commit (durable)");
        _batchSize = Meter.CreateHistogram<int>(BatchSizeName, "{entry}", "Entries committed in one ledger transaction");
        _batchRetries = Meter.CreateCounter<long>(BatchRetriesName, "{batch}", "Ledger transactions rolled back by a deadlock or serialization failure and tried again");
        _freshness = Meter.CreateHistogram<double>(FreshnessName, "ms", "From a change's ledger time to a rollup applying it, by the rollup's level");
        _publishes = Meter.CreateCounter<long>(PublishesName, "{message}", "Tallies published up the tree, by the publishing unit's level");
    }

    public Meter Meter { get; }

    public void CommandAccepted(string kind) => _commands.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Appended(TimeSpan took) => _appendDuration.Record(took.TotalMilliseconds);

    public void BatchCommitted(int entries) => _batchSize.Record(entries);

    public void BatchRetried() => _batchRetries.Add(1);

    /// <summary>A rollup at <paramref name="level"/> applied a change that entered the ledger <paramref name="lag"/> ago.</summary>
    public void Applied(string level, TimeSpan lag) =>
        _freshness.Record(Math.Max(0, lag.TotalMilliseconds), new KeyValuePair<string, object?>("level", level));

    public void Published(string level) => _publishes.Add(1, new KeyValuePair<string, object?>("level", level));
}
