namespace CommitteeGrid.Host.Observability;

/// <summary>
/// The last minute of one measurement (and the second under way), one slot per second: count, sum, maximum and a histogram of
/// logarithmic buckets (each 10% wider than the one before), so percentiles over any recent span cost
/// a few hundred additions and no samples are kept.
/// </summary>
internal sealed class MetricWindow(TimeProvider clock)
{
    /// <summary>The longest span a summary covers, in whole seconds.</summary>
    public const int Seconds = 60;

    private const int SlotCount = Seconds + 1;

    private const double Smallest = 0.01;
    private const double Growth = 1.1;
    private const int BucketCount = 200;
    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly Slot[] _slots = [.. Enumerable.Range(0, SlotCount).Select(_ => new Slot())];
    private readonly Lock _lock = new();

    public void Record(double value)
    {
        var second = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            var slot = _slots[second % SlotCount];
            if (slot.Second != second)
            {
                slot.Reset(second);
            }

            slot.Count++;
            slot.Sum += value;
            slot.Max = Math.Max(slot.Max, value);
            slot.Buckets[BucketOf(value)]++;
        }
    }

    /// <summary>The last <paramref name="seconds"/> whole seconds (the one under way is left out: it is not over).</summary>
    public WindowSummary Summarize(int seconds)
    {
        seconds = Math.Clamp(seconds, 1, Seconds);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var buckets = new long[BucketCount];
        var (count, sum, max) = (0L, 0.0, 0.0);
        lock (_lock)
        {
            foreach (var slot in _slots)
            {
                if (slot.Second < now && slot.Second >= now - seconds)
                {
                    count += slot.Count;
                    sum += slot.Sum;
                    max = Math.Max(max, slot.Max);
                    for (var i = 0; i < BucketCount; i++)
                    {
                        buckets[i] += slot.Buckets[i];
                    }
                }
            }
        }

        return new WindowSummary(seconds, count, sum, max, buckets);
    }

    internal static int BucketOf(double value) =>
        value <= Smallest ? 0 : Math.Min(BucketCount - 1, 1 + (int)(Math.Log(value / Smallest) / LogGrowth));

    /// <summary>The upper bound of a bucket: a percentile read from it is at most 10% high.</summary>
    internal static double UpperBound(int bucket) => Smallest * Math.Pow(Growth, bucket);

    private sealed class Slot
    {
        public long Second { get; private set; } = long.MinValue;

        public long Count { get; set; }

        public double Sum { get; set; }

        public double Max { get; set; }

        public long[] Buckets { get; } = new long[BucketCount];

        public void Reset(long second)
        {
            Second = second;
            Count = 0;
            Sum = 0;
            Max = 0;
            Array.Clear(Buckets);
        }
    }
}
