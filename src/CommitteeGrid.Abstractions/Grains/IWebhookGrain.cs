using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// One webhook's delivery (keyed "{unit}/{id}"): its secret, its outbox of events still to deliver, and
/// the record of every attempt. Retries with backoff; a reminder resumes it after deactivation.
/// </summary>
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Starts delivering to <paramref name="webhook"/>; returns its signing secret (made once, kept on a repeat).</summary>
    Task<string> Open(WebhookView webhook);

    /// <summary>Stops delivering and drops the outbox and the secret.</summary>
    Task Close();

    /// <summary>Queues an event for delivery (once per event id).</summary>
    Task Enqueue(DomainEvent e);

    /// <summary>The outbox and the latest attempts, or null when the webhook is not open.</summary>
    Task<WebhookDeliveries?> GetDeliveries(int limit);
}
