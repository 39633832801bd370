namespace CommitteeGrid.Bench;

/// <summary>
/// The load balancer in front of the silos: round robin over the live ones. A silo joins when it is
/// ready, leaves when it is told to stop (as Kubernetes drops a terminating pod's endpoint) or right
/// after it is killed (as a failing readiness probe would, a little later).
/// </summary>
public sealed class ChaosRouter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _inFlight = [];
    private string[] _live = [];
    private int _next;

    public IReadOnlyList<string> Live => Volatile.Read(ref _live);

    public void Add(string url)
    {
        lock (_lock)
        {
            _live = [.. _live, url];
        }
    }

    public void Remove(string url)
    {
        lock (_lock)
        {
            _live = [.. _live.Where(u => u != url)];
        }
    }

    /// <summary>The next live silo, preferring one other than <paramref name="avoid"/> (where the last attempt failed).</summary>
    public string? Pick(string? avoid)
    {
        var live = Volatile.Read(ref _live);
        if (live.Length == 0)
        {
            return null;
        }

        var start = Interlocked.Increment(ref _next) & int.MaxValue;
        for (var i = 0; i < live.Length; i++)
        {
            var url = live[(start + i) % live.Length];
            if (url != avoid)
            {
                return url;
            }
        }

        return live[start % live.Length];
    }

    public void Started(string url)
    {
        lock (_lock)
        {
            _inFlight[url] = _inFlight.GetValueOrDefault(url) + 1;
        }
    }

    public void Finished(string url)
    {
        lock (_lock)
        {
            _inFlight[url]--;
        }
    }

    public int InFlight(string url)
    {
        lock (_lock)
        {
            return _inFlight.GetValueOrDefault(url);
        }
    }
}
