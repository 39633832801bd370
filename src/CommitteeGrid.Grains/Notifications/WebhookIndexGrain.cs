using CommitteeGrid.Abstractions.Grains;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>The set of units that have webhooks. Small (units with webhooks), read by each silo every few seconds.</summary>
public sealed class WebhookIndexGrain([PersistentState("webhook-index", "notifications")] IPersistentState<WebhookIndexSnapshot> store)
    : Grain, IWebhookIndexGrain
{
    public async Task Set(string unit, bool hasWebhooks)
    {
        var changed = hasWebhooks ? store.State.Units.Add(unit) : store.State.Units.Remove(unit);
        if (changed)
        {
            await store.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> Units() => Task.FromResult<IReadOnlyList<string>>([.. store.State.Units]);
}

[GenerateSerializer, Alias("cg.WebhookIndexSnapshot")]
public sealed class WebhookIndexSnapshot
{
    [Id(0)]
    public SortedSet<string> Units { get; set; } = new(StringComparer.Ordinal);
}
