using System.Diagnostics;

namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>Polls with a deadline: rollups and inboxes follow commands by a few stream hops.</summary>
public static class Eventually
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    /// <summary>The first probe result that is done, or the last one when the deadline passes.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await probe();
            if (done(result) || clock.Elapsed >= timeout)
            {
                return result;
            }

            await Task.Delay(Every);
        }
    }
}
