using CommitteeGrid.Abstractions.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>
/// This silo's copy of the units that have webhooks, so publishing an event costs no grain call when
/// nobody listens. Refreshed from the index grain once it is older than IndexRefresh (the stale copy is
/// used meanwhile); a change made through this silo is seen here at once, on other silos within
/// IndexRefresh.
/// </summary>
public sealed class WebhookIndex(IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookIndex> logger)
{
    private readonly Lock _lock = new();
    private IReadOnlySet<string>? _units;
    private DateTimeOffset _loadedAt;
    private Task? _refreshing;

    public async ValueTask<IReadOnlySet<string>> Units()
    {
        var units = _units;
        if (units is null)
        {
            return await Refresh();
        }

        if (clock.GetUtcNow() - _loadedAt > options.Value.IndexRefresh)
        {
            lock (_lock)
            {
                // Off the caller's grain: a refresh must not hold up the command that published.
                _refreshing ??= Task.Run(async () =>
                {
                    await Refresh();
                    lock (_lock)
                    {
                        _refreshing = null;
                    }
                });
            }
        }

        return units;
    }

    /// <summary>Records a change made through this silo.</summary>
    public void Changed(string unit, bool hasWebhooks)
    {
        lock (_lock)
        {
            var next = new HashSet<string>(_units ?? new HashSet<string>(), StringComparer.Ordinal);
            if (hasWebhooks)
            {
                next.Add(unit);
            }
            else
            {
                next.Remove(unit);
            }

            _units = next;
        }
    }

    private async Task<IReadOnlySet<string>> Refresh()
    {
        try
        {
            var units = (await grains.GetGrain<IWebhookIndexGrain>(0).Units()).ToHashSet(StringComparer.Ordinal);
            lock (_lock)
            {
                _units = units;
                _loadedAt = clock.GetUtcNow();
            }

            return units;
        }
        catch (Exception ex)
        {
            // Keep what we had and try again after the next interval rather than on every event.
            logger.LogWarning(ex, "Refreshing the webhook index failed");
            lock (_lock)
            {
                _units ??= new HashSet<string>();
                _loadedAt = clock.GetUtcNow();
                return _units;
            }
        }
    }
}
