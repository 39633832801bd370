using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using Microsoft.Extensions.Logging;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>
/// What a grain calls after its ledger entry is committed, for an event that concerns people: the event
/// goes to each recipient's feed and, once, to every unit above the recipients that has webhooks, both by
/// one-way grain calls. Notifications only: a failure here is logged, never turned into a failed command,
/// because the ledger already holds what happened. Feeds are not on a memory stream: a stream per
/// recipient put tens of thousands of streams in the pulling agents, which scan all their streams on
/// every read, and cost a queue call, a dequeue and a delivery where one call does.
/// </summary>
public sealed class EventPublisher(IGrainFactory grains, ProposalCatalog catalog, WebhookIndex index, ILogger<EventPublisher> logger)
{
    public async Task Publish(DomainEvent e)
    {
        try
        {
            var sends = e.Recipients
                .Distinct(StringComparer.Ordinal)
                .Select(r => grains.GetGrain<INotificationFeedGrain>(r).Deliver(e))
                .ToList();

            var hooked = await index.Units();
            if (hooked.Count > 0)
            {
                foreach (var unit in Recipients.UnitsConcerned(catalog, e.Recipients).Where(hooked.Contains))
                {
                    sends.Add(grains.GetGrain<IUnitWebhooksGrain>(unit).Dispatch(e));
                }
            }

            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Publishing event {EventId} ({Kind}) failed; the ledger has it, the feeds and webhooks miss it", e.EventId, e.Kind);
        }
    }
}
