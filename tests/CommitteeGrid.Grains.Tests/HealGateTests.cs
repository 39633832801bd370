using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Tests;

/// <summary>Heals wait for a slot instead of taking every database connection at once.</summary>
public sealed class HealGateTests
{
    [Fact]
    public async Task No_more_reads_run_at_once_than_the_gate_allows_and_each_gets_its_own_answer()
    {
        var gate = new HealGate(Options.Create(new RollupOptions { HealConcurrency = 2 }));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var most = 0;

        var reads = Enumerable.Range(0, 8).Select(i => gate.Read(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return i * 10;
        })).ToList();

        await WaitUntil(() => Volatile.Read(ref running) == 2);
        await Task.Delay(50);
        Assert.Equal(2, Volatile.Read(ref running));
        Assert.All(reads, r => Assert.False(r.IsCompleted));

        release.SetResult();
        var answers = await Task.WhenAll(reads);
        Assert.Equal(new[] { 0, 10, 20, 30, 40, 50, 60, 70 }, answers);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task A_failed_read_gives_its_slot_back()
    {
        var gate = new HealGate(Options.Create(new RollupOptions { HealConcurrency = 1 }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.Read<int>(() => throw new InvalidOperationException("database down")));

        var next = gate.Read(() => Task.FromResult(7));
        Assert.Equal(7, await next.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(5);
        }
    }
}
