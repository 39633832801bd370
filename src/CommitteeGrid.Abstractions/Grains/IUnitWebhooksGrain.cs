using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// A unit's webhooks (keyed by the unit code): registrations and removals are ledger entries of the
/// stream "webhooks/{code}", and events concerning the unit's subtree are handed to each matching webhook.
/// </summary>
public interface IUnitWebhooksGrain : IGrainWithStringKey
{
    Task<WebhookResult> Create(CommandMeta meta, CreateWebhook command);

    Task<WebhookResult> Delete(CommandMeta meta, string webhookId);

    Task<IReadOnlyList<WebhookView>> List();

    Task<WebhookView?> Find(string webhookId);

    /// <summary>An event that concerns this unit or its subtree; one-way, so a publisher never waits on webhooks.</summary>
    [OneWay]
    Task Dispatch(DomainEvent e);
}
