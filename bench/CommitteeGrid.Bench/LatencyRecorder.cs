namespace CommitteeGrid.Bench;

/// <summary>Keeps every sample (a minute at 5,000/s is 300,000 doubles) so percentiles are exact.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _ms = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ms.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _ms.Add(milliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_lock)
        {
            if (_ms.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _ms.Order().ToArray();
            var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
        }
    }

    public string Summary() => $"p50 {Percentile(50):F1} ms, p99 {Percentile(99):F1} ms, max {Percentile(100):F1} ms ({Count} samples)";
}
