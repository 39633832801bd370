using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>
/// A unit's webhooks. Like a report, its state is its ledger stream ("webhooks/{code}") folded, so who
/// registered which webhook, and when, is on the record, and a retried command gets the first answer.
/// Events for the unit's subtree are handed to each webhook whose filter takes them.
/// </summary>
public sealed class UnitWebhooksGrain(
    ILedger ledger,
    ProposalCatalog catalog,
    WebhookIndex index,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<UnitWebhooksGrain> logger)
    : Grain, IUnitWebhooksGrain
{
    private UnitWebhooksState _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new UnitWebhooksState(this.GetPrimaryKeyString());
        await CatchUp(cancellationToken);
    }

    public async Task<WebhookResult> Create(CommandMeta meta, CreateWebhook command)
    {
        var hash = RequestHash.Of("webhook.create", _state.Stream, command);
        if (_state.FindKey(meta.ScopedKey) is { } seen)
        {
            return await Replayed(meta, seen, hash);
        }

        var id = WebhookRules.NewId(_state.Unit, meta.ScopedKey);
        var (e, rejection) = WebhookRules.Create(_state, id, command, options.Value.RefusePrivateTargets);
        if (rejection is not null)
        {
            return new WebhookResult(null, null, null, rejection, false);
        }

        // The delivery grain holds the secret (never the ledger); it delivers only what this grain hands it,
        // so opening it before the entry is committed exposes nothing if the append then fails.
        var registered = (WebhookRegistered)e!;
        var now = LedgerClock.Now(clock);
        var secret = await Webhook(id).Open(new WebhookView(id, _state.Unit, registered.Url, registered.Events, now, meta.Actor.UserId));
        return await Commit(meta, hash, e!, now, secret);
    }

    public async Task<WebhookResult> Delete(CommandMeta meta, string webhookId)
    {
        var hash = RequestHash.Of("webhook.delete", _state.Stream, webhookId);
        if (_state.FindKey(meta.ScopedKey) is { } seen)
        {
            return await Replayed(meta, seen, hash);
        }

        var (e, rejection) = WebhookRules.Delete(_state, webhookId);
        if (rejection is not null)
        {
            return new WebhookResult(null, null, null, rejection, false);
        }

        return await Commit(meta, hash, e!, LedgerClock.Now(clock), secret: null);
    }

    public Task<IReadOnlyList<WebhookView>> List() =>
        Task.FromResult<IReadOnlyList<WebhookView>>([.. _state.Active.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id, StringComparer.Ordinal)]);

    public Task<WebhookView?> Find(string webhookId) => Task.FromResult(_state.Find(webhookId));

    public async Task Dispatch(DomainEvent e)
    {
        var mine = e.Recipients.Where(r => Recipients.IsWithin(catalog, r, _state.Unit)).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        var forUnit = e with { Recipients = mine };
        var sends = _state.Active
            .Where(w => EventFilter.Matches(w.Events, e.Kind))
            .Select(w => Webhook(w.Id).Enqueue(forUnit));
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Handing event {EventId} to the webhooks of {Unit} failed", e.EventId, _state.Unit);
        }
    }

    private async Task<WebhookResult> Commit(CommandMeta meta, string hash, WebhookEvent e, DateTimeOffset now, string? secret)
    {
        var entry = new LedgerEntry(
            _state.Stream, _state.Version + 1, e.Kind, WebhookJson.Serialize(e), meta.ScopedKey, hash,
            meta.Actor.UserId, meta.Actor.Role, meta.Actor.Scope, meta.Actor.Address, now, Subject: null, Deltas: []);

        AppendOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(entry);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Ledger append failed for {Stream}", _state.Stream);
            DeactivateOnIdle();
            return WebhookResult.Refuse(RejectionKind.Unavailable, CommandAnswers.LedgerUnreachableMessage);
        }

        switch (outcome.Status)
        {
            case AppendStatus.Appended:
                _state.Apply(entry with { Seq = outcome.Seq }, e);
                await Settle(e);
                var receipt = new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt);
                return new WebhookResult(_state.Registered(e.Id), secret, receipt, null, false);

            case AppendStatus.DuplicateKey when outcome.Existing!.Stream == _state.Stream:
                await CatchUp(CancellationToken.None);
                return _state.FindKey(meta.ScopedKey) is { } seen
                    ? await Replayed(meta, seen, hash)
                    : WebhookResult.Refuse(RejectionKind.KeyReused, KeyReusedMessage(meta));

            case AppendStatus.DuplicateKey:
                return WebhookResult.Refuse(RejectionKind.KeyReused, KeyReusedMessage(meta));

            default:
                DeactivateOnIdle();
                return WebhookResult.Refuse(RejectionKind.Unavailable, $"the webhooks of {_state.Unit} were changed concurrently; retry with the same Idempotency-Key");
        }
    }

    /// <summary>
    /// A retry gets the first answer, and redoes what follows the entry (closing a removed webhook,
    /// updating the index), in case the first attempt stopped before finishing it.
    /// </summary>
    private async Task<WebhookResult> Replayed(CommandMeta meta, AnsweredKey seen, string hash)
    {
        if (seen.Hash != hash)
        {
            return WebhookResult.Refuse(RejectionKind.KeyReused, KeyReusedMessage(meta));
        }

        var view = _state.Registered(seen.WebhookId);
        var active = _state.Find(seen.WebhookId) is not null;
        string? secret = null;
        if (seen.Receipt.Event == WebhookEvent.CreatedKind)
        {
            secret = active ? await Webhook(seen.WebhookId).Open(view!) : null;
            await Settle(new WebhookRegistered(seen.WebhookId, view!.Url, view.Events));
        }
        else
        {
            await Settle(new WebhookRemoved(seen.WebhookId));
        }

        return new WebhookResult(view, secret, seen.Receipt, null, true);
    }

    private async Task Settle(WebhookEvent e)
    {
        if (e is WebhookRemoved && _state.Find(e.Id) is null)
        {
            await Webhook(e.Id).Close();
        }

        var has = _state.Active.Count > 0;
        await GrainFactory.GetGrain<IWebhookIndexGrain>(0).Set(_state.Unit, has);
        index.Changed(_state.Unit, has);
    }

    private IWebhookGrain Webhook(string id) => GrainFactory.GetGrain<IWebhookGrain>($"{_state.Unit}/{id}");

    private async Task CatchUp(CancellationToken ct)
    {
        foreach (var entry in await ledger.ReadStreamAsync(_state.Stream, _state.Version, ct))
        {
            _state.Replay(entry);
        }
    }

    private static string KeyReusedMessage(CommandMeta meta) => CommandAnswers.KeyReusedMessage(meta.IdempotencyKey);
}
