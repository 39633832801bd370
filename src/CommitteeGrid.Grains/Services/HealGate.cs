using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Services;

/// <summary>
/// Bounds how many committees read the ledger for their inbox heal at once on this silo; the rest wait
/// their turn in memory. A cold start of a national network activates some 3,000 committees within
/// seconds, each asking which reports entered its inbox: unbounded, those queries would hold the whole
/// connection pool, which commands need too. (The ledger batches the activity groups' and members'
/// heal reads itself.)
/// </summary>
public sealed class HealGate(IOptions<RollupOptions> options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.HealConcurrency));

    public async Task<T> Read<T>(Func<Task<T>> read)
    {
        await _slots.WaitAsync();
        try
        {
            return await read();
        }
        finally
        {
            _slots.Release();
        }
    }
}
