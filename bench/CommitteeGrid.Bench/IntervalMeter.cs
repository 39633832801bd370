using System.Diagnostics;
using System.Globalization;

namespace CommitteeGrid.Bench;

/// <summary>
/// Throughput and silo CPU per command in consecutive slices of a run, so a rate that falls as the run
/// goes on (activations and streams piling up, grains being collected) shows where it falls.
/// </summary>
public sealed class IntervalMeter(Func<long> acknowledged, CpuMeter? cpu, TimeSpan slice)
{
    private readonly List<(double Rate, double? SiloMicros)> _slices = [];

    public async Task Run(CancellationToken ct)
    {
        var lastCount = acknowledged();
        var lastCpu = cpu?.Sample();
        var lastAt = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(slice);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var (count, sample, at) = (acknowledged(), cpu?.Sample(), Stopwatch.GetTimestamp());
                var commands = count - lastCount;
                var seconds = Stopwatch.GetElapsedTime(lastAt, at).TotalSeconds;
                double? silo = sample is not null && commands > 0 ? (sample - lastCpu!).Silo * 1e6 / commands : null;
                _slices.Add((commands / seconds, silo));
                (lastCount, lastCpu, lastAt) = (count, sample, at);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over; a partial last slice is left out.
        }
    }

    /// <summary>"1,650, 1,600, … commands/s (silo 800, 850, … µs per command)", or null when no slice ended.</summary>
    public string? Summary()
    {
        if (_slices.Count == 0)
        {
            return null;
        }

        var rates = string.Join(", ", _slices.Select(s => s.Rate.ToString("N0", CultureInfo.InvariantCulture)));
        var silo = _slices.All(s => s.SiloMicros is not null)
            ? $" (silo {string.Join(", ", _slices.Select(s => s.SiloMicros!.Value.ToString("N0", CultureInfo.InvariantCulture)))} µs per command)"
            : "";
        return $"{rates} commands/s{silo}";
    }
}
