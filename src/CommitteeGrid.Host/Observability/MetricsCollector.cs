using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CommitteeGrid.Domain.Telemetry;

namespace CommitteeGrid.Host.Observability;

/// <summary>
/// Listens to this host's "CommitteeGrid" meter and keeps the last minute of each measurement (by its
/// one tag, if any) plus running totals, for GET /api/ops/metrics. It also samples the process's CPU
/// time once a second, so the snapshot can say how busy the silo is.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly CommitteeGridMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tag), MetricWindow> _windows = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tag), StrongBox> _totals = new();
    private readonly MetricWindow _cpu;
    private readonly ITimer _cpuTimer;
    private TimeSpan _lastCpu;
    private long _lastCpuAt;

    public MetricsCollector(CommitteeGridMetrics metrics, TimeProvider clock)
    {
        _metrics = metrics;
        _clock = clock;
        _cpu = new MetricWindow(clock);
        Started = clock.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();

        _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _lastCpuAt = Stopwatch.GetTimestamp();
        _cpuTimer = clock.CreateTimer(_ => SampleCpu(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public DateTimeOffset Started { get; }

    /// <summary>The last <paramref name="seconds"/> of one instrument, per tag value ("" when it has none).</summary>
    internal IReadOnlyDictionary<string, WindowSummary> Window(string instrument, int seconds) =>
        _windows.Where(w => w.Key.Instrument == instrument)
            .ToDictionary(w => w.Key.Tag, w => w.Value.Summarize(seconds), StringComparer.Ordinal);

    /// <summary>Everything one instrument has recorded since the host started, per tag value.</summary>
    internal IReadOnlyDictionary<string, double> Totals(string instrument) =>
        _totals.Where(t => t.Key.Instrument == instrument)
            .ToDictionary(t => t.Key.Tag, t => t.Value.Read(), StringComparer.Ordinal);

    /// <summary>Share of one core the process used, averaged over the last <paramref name="seconds"/>.</summary>
    internal double CpuCores(int seconds) => _cpu.Summarize(seconds).Mean;

    public void Dispose()
    {
        _cpuTimer.Dispose();
        _listener.Dispose();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        var tag = tags.Length == 0 ? "" : tags[0].Value?.ToString() ?? "";
        var key = (instrument.Name, tag);
        var number = value.ToDouble(null);
        _windows.GetOrAdd(key, _ => new MetricWindow(_clock)).Record(number);
        _totals.GetOrAdd(key, _ => new StrongBox()).Add(number);
    }

    private void SampleCpu()
    {
        var now = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.GetElapsedTime(_lastCpuAt, now);
        if (wall > TimeSpan.Zero)
        {
            _cpu.Record((cpu - _lastCpu) / wall);
        }

        (_lastCpu, _lastCpuAt) = (cpu, now);
    }

    /// <summary>A running total shared by the threads that record.</summary>
    private sealed class StrongBox
    {
        private readonly Lock _lock = new();
        private double _value;

        public void Add(double value)
        {
            lock (_lock)
            {
                _value += value;
            }
        }

        public double Read()
        {
            lock (_lock)
            {
                return _value;
            }
        }
    }
}
