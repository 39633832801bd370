using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace CommitteeGrid.Grains.Views;

/// <summary>
/// A list kept from stream notices (the newest version of each item wins) and healed by pulling, on
/// activation and then on the rollups' schedule (HealSchedule: HealInterval, backing off while heals find
/// nothing), whatever the list lacks or holds an older version of: the same shape as a committee's review
/// inbox. Not persisted: the ledger (or the grain pulled from) is the record.
/// </summary>
public abstract class ListViewGrain<TItem>(IOptions<RollupOptions> options, ILogger logger) : Grain
    where TItem : class
{
    private readonly Dictionary<string, TItem> _items = new(StringComparer.Ordinal);
    private Task? _firstHeal;
    private IClusterMembershipService? _membership;
    private HealSchedule? _schedule;

    protected IReadOnlyDictionary<string, TItem> Items => _items;

    /// <summary>The stream namespace this view is fed on (the stream key is the grain's key).</summary>
    protected abstract string Namespace { get; }

    protected abstract string KeyOf(TItem item);

    protected abstract long VersionOf(TItem item);

    /// <summary>Fresh copies of what the list lacks or holds behind.</summary>
    protected abstract Task<IEnumerable<TItem>> PullBehind();

    /// <summary>Whether an item received belongs in this list.</summary>
    protected virtual bool Belongs(TItem item) => true;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.GetStreamProvider(StreamNames.Provider)
            .GetStream<TItem>(StreamId.Create(Namespace, this.GetPrimaryKeyString()))
            .SubscribeAsync((item, _) =>
            {
                Keep(item);
                return Task.CompletedTask;
            });

        // Heal after activation, not inside it; a reader waits for that first heal (Ready), not for every one.
        this.RegisterGrainTimer(_ => Ready(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        var interval = options.Value.HealInterval;
        _membership = ServiceProvider.GetService<IClusterMembershipService>();
        _schedule = new HealSchedule(interval, options.Value.HealIntervalMax, ClusterVersion);
        this.RegisterGrainTimer(_ => _schedule.IsDue(ClusterVersion) ? Heal() : Task.CompletedTask, interval * (0.5 + Random.Shared.NextDouble()), interval);
    }

    public async Task Heal()
    {
        var clusterVersion = ClusterVersion;
        var found = false;
        try
        {
            foreach (var item in await PullBehind())
            {
                found |= Keep(item);
            }
        }
        catch (Exception ex)
        {
            found = true;
            logger.LogWarning(ex, "Heal of {View} {Key} failed; the next one will try again", GetType().Name, this.GetPrimaryKeyString());
        }

        _schedule?.Healed(clusterVersion, found);
    }

    private long ClusterVersion => _membership?.CurrentSnapshot.Version.Value ?? 0;

    /// <summary>Completes once the first heal after activation has run, so a fresh view does not answer empty.</summary>
    protected Task Ready() => _firstHeal ??= Heal();

    /// <summary>Keeps the item if it is newer than the one held; true if it was.</summary>
    protected bool Keep(TItem item)
    {
        if (!Belongs(item))
        {
            return false;
        }

        var key = KeyOf(item);
        if (!_items.TryGetValue(key, out var held) || VersionOf(held) < VersionOf(item))
        {
            _items[key] = item;
            return true;
        }

        return false;
    }

    /// <summary>Pulls in parallel batches, so a cold view over thousands of items does not flood the silo.</summary>
    protected static async Task<IEnumerable<TItem>> PullAll(IEnumerable<Func<Task<TItem?>>> pulls, int batch = 200)
    {
        var found = new List<TItem>();
        foreach (var chunk in pulls.Chunk(batch))
        {
            found.AddRange((await Task.WhenAll(chunk.Select(p => p()))).OfType<TItem>());
        }

        return found;
    }
}
