using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Ledger;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// A unit's webhooks folded from its ledger stream: the active ones, and every idempotency key answered
/// (with the webhook it concerned), so a retry gets the first answer after a restart too.
/// </summary>
public sealed class UnitWebhooksState(string unit)
{
    private readonly Dictionary<string, WebhookView> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnsweredKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebhookView> _ever = new(StringComparer.Ordinal);

    public string Unit { get; } = unit;

    public string Stream => StreamOf(Unit);

    public long Version { get; private set; }

    public IReadOnlyCollection<WebhookView> Active => _active.Values;

    public static string StreamOf(string unit) => "webhooks/" + unit;

    public WebhookView? Find(string id) => _active.GetValueOrDefault(id);

    /// <summary>A webhook as registered, even if removed since (for answering retries).</summary>
    public WebhookView? Registered(string id) => _ever.GetValueOrDefault(id);

    public AnsweredKey? FindKey(string scopedKey) => _keys.GetValueOrDefault(scopedKey);

    public void Replay(LedgerEntry entry) => Apply(entry, WebhookJson.Deserialize(entry.Payload));

    public void Apply(LedgerEntry entry, WebhookEvent e)
    {
        if (entry.Version != Version + 1)
        {
            throw new InvalidOperationException($"Webhooks of {Unit}: entry version {entry.Version} does not follow {Version}.");
        }

        switch (e)
        {
            case WebhookRegistered r:
                var view = new WebhookView(r.Id, Unit, r.Url, r.Events, entry.OccurredAt, entry.ActorId);
                _active[r.Id] = view;
                _ever[r.Id] = view;
                break;
            case WebhookRemoved d:
                _active.Remove(d.Id);
                break;
            default:
                throw new InvalidOperationException($"Unknown webhook event {e.GetType().Name}.");
        }

        Version = entry.Version;
        _keys[entry.IdempotencyKey] = new AnsweredKey(entry.RequestHash, new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt), e.Id);
    }
}

/// <summary>An idempotency key already answered: the request's fingerprint, the receipt, the webhook it concerned.</summary>
public sealed record AnsweredKey(string Hash, Receipt Receipt, string WebhookId);
