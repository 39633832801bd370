using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace CommitteeGrid.Grains.Reports;

/// <summary>
/// One information report. Its state is its ledger stream folded: rebuilt on activation, so there is
/// no separate snapshot that could disagree with the ledger (report streams are a handful of entries).
/// </summary>
public sealed class InfoReportGrain(ILedger ledger, NetworkCatalog catalog, EventPublisher events, TimeProvider clock, ILogger<InfoReportGrain> logger)
    : Grain, IInfoReportGrain
{
    private InfoReportState _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new InfoReportState(this.GetPrimaryKeyString());
        await CatchUp(cancellationToken);
    }

    public Task<CommandResult> Submit(CommandMeta meta, SubmitInfoReport command) =>
        Execute(meta, "submit", command, now => InfoReportRules.Submit(_state, catalog.Network, command, now));

    public Task<CommandResult> Act(CommandMeta meta, ActOnInfoReport command) =>
        Execute(meta, "act", command, now => InfoReportRules.Act(_state, catalog.Network, command, now));

    public Task<CommandResult> Revise(CommandMeta meta, ReviseInfoReport command) =>
        Execute(meta, "revise", command, _ => InfoReportRules.Revise(_state, command));

    public Task<InfoReportView?> GetView() => Task.FromResult(_state.Exists ? _state.ToView() : null);

    public Task<InboxItem?> GetInboxItem(string committee) => Task.FromResult(_state.ToInboxItem(committee));

    private async Task<CommandResult> Execute<T>(CommandMeta meta, string operation, T command, Func<DateTimeOffset, Decision> decide)
    {
        var hash = RequestHash.Of(operation, _state.Stream, command);
        if (Replay(meta, hash) is { } replayed)
        {
            return replayed;
        }

        var now = LedgerClock.Now(clock);
        var decision = decide(now);
        if (decision.Rejection is { } rejection)
        {
            return CommandResult.Refuse(rejection);
        }

        var e = decision.Event!;
        var entry = new LedgerEntry(
            _state.Stream, _state.Version + 1, e.Kind, InfoReportJson.Serialize(e), meta.ScopedKey, hash,
            meta.Actor.UserId, meta.Actor.Role, meta.Actor.Scope, meta.Actor.Address, now, decision.Subject, decision.Deltas);

        AppendOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(entry);
        }
        catch (Exception ex)
        {
            // The append may or may not have landed: start again from the ledger on the next call.
            logger.LogWarning(ex, "Ledger append failed for {Stream}", _state.Stream);
            DeactivateOnIdle();
            return CommandAnswers.LedgerUnreachable();
        }

        switch (outcome.Status)
        {
            case AppendStatus.Appended:
                _state.Apply(entry with { Seq = outcome.Seq }, e);
                await Publish(decision, ReportNotices.For(_state, entry, e));
                return CommandResult.Ok(new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt));

            case AppendStatus.DuplicateKey when outcome.Existing!.Stream == _state.Stream:
                // Landed earlier without this activation knowing (an append that timed out): catch up and answer as a retry.
                await CatchUp(CancellationToken.None);
                return Replay(meta, hash) ?? CommandAnswers.KeyReused(meta);

            case AppendStatus.DuplicateKey:
                return CommandAnswers.KeyReused(meta);

            default:
                DeactivateOnIdle();
                return CommandAnswers.ChangedConcurrently($"report {_state.Id}");
        }
    }

    private CommandResult? Replay(CommandMeta meta, string hash) => CommandAnswers.Replay(_state.FindKey(meta.ScopedKey), hash, meta);

    private async Task CatchUp(CancellationToken ct)
    {
        foreach (var entry in await ledger.ReadStreamAsync(_state.Stream, _state.Version, ct))
        {
            _state.Replay(entry);
        }
    }

    /// <summary>
    /// Notifications only: the credited members' new cumulative credit, the report's view in every inbox
    /// it has reached, and the event for the people it concerns. Losing a tally or inbox message is healed
    /// by the receivers' pulls; the ledger already has the change.
    /// </summary>
    private async Task Publish(Decision decision, DomainEvent notice)
    {
        var provider = this.GetStreamProvider(StreamNames.Provider);
        var sends = new List<Task> { events.Publish(notice) };
        foreach (var member in decision.Deltas.Select(d => d.Member).Distinct())
        {
            if (_state.CreditTo(member) is { } credit)
            {
                GrainFactory.GetGrain<IMemberGrain>(member).Credit(credit with { ChangedAt = _state.History[^1].At }).Ignore();
            }
        }

        foreach (var level in _state.Levels)
        {
            sends.Add(provider.GetStream<InboxItem>(Streams.InboxOf(level.Committee)).OnNextAsync(_state.ToInboxItem(level.Committee)!));
        }

        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            // Already durable in the ledger; the rollups heal from it.
            logger.LogWarning(ex, "Publishing {Stream} v{Version} failed; receivers will heal", _state.Stream, _state.Version);
        }
    }
}
