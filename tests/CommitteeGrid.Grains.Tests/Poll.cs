namespace CommitteeGrid.Grains.Tests;

/// <summary>Waiting for what the cluster does in the background (stream deliveries, heals, timers).</summary>
internal static class Poll
{
    /// <summary>
    /// Probes until <paramref name="done"/> holds or <paramref name="timeout"/> passes, and returns the last
    /// value either way, so the test's own assertion says what was wrong.
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, TimeSpan interval)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(interval);
        }
    }
}
