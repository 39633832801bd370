namespace CommitteeGrid.Host.Observability;

/// <summary>What a window held over a span of whole seconds.</summary>
internal sealed class WindowSummary(int seconds, long count, double sum, double max, long[] buckets)
{
    public int Seconds => seconds;

    public long Count => count;

    public double Sum => sum;

    public double Max => max;

    public double Mean => count == 0 ? 0 : sum / count;

    /// <summary>The value below which <paramref name="p"/> percent of the measurements fall (0 when there were none).</summary>
    public double Percentile(double p)
    {
        if (count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(p / 100 * count);
        var seen = 0L;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= Math.Max(1, rank))
            {
                return Math.Min(max, MetricWindow.UpperBound(i));
            }
        }

        return max;
    }
}
