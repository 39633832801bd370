using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Duty;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace CommitteeGrid.Grains.Duty;

/// <summary>One duty record (履职登记): its state is its ledger stream folded, like a report's.</summary>
public sealed class DutyRecordGrain(ILedger ledger, NetworkCatalog catalog, EventPublisher events, TimeProvider clock, ILogger<DutyRecordGrain> logger)
    : Grain, IDutyRecordGrain
{
    private DutyRecordState _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new DutyRecordState(this.GetPrimaryKeyString());
        await CatchUp(cancellationToken);
    }

    public Task<CommandResult> Record(CommandMeta meta, RecordDuty command) =>
        Execute(meta, "record", command, now => DutyRules.Record(_state, catalog.Network, command, now));

    public Task<CommandResult> Confirm(CommandMeta meta, ConfirmDuty command) =>
        Execute(meta, "confirm", command, _ => DutyRules.Confirm(_state, catalog.Network, command));

    public Task<DutyRecordView?> GetView() => Task.FromResult(_state.Exists ? _state.ToView() : null);

    public Task<DutyBookItem?> GetBookItem() => Task.FromResult(_state.ToBookItem());

    private async Task<CommandResult> Execute<T>(CommandMeta meta, string operation, T command, Func<DateTimeOffset, DutyDecision> decide)
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
            _state.Stream, _state.Version + 1, e.Kind, DutyJson.Serialize(e), meta.ScopedKey, hash,
            meta.Actor.UserId, meta.Actor.Role, meta.Actor.Scope, meta.Actor.Address, now, decision.Subject, decision.Deltas);

        AppendOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(entry);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Ledger append failed for {Stream}", _state.Stream);
            DeactivateOnIdle();
            return CommandAnswers.LedgerUnreachable();
        }

        switch (outcome.Status)
        {
            case AppendStatus.Appended:
                _state.Apply(entry with { Seq = outcome.Seq }, e);
                await Publish(decision, DutyNotices.For(_state, entry, e));
                return CommandResult.Ok(new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt));

            case AppendStatus.DuplicateKey when outcome.Existing!.Stream == _state.Stream:
                await CatchUp(CancellationToken.None);
                return Replay(meta, hash) ?? CommandAnswers.KeyReused(meta);

            case AppendStatus.DuplicateKey:
                return CommandAnswers.KeyReused(meta);

            default:
                DeactivateOnIdle();
                return CommandAnswers.ChangedConcurrently($"duty record {_state.Id}");
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

    /// <summary>Notifications only: credited members' cumulative credit, a member's own record to the group's book, the event.</summary>
    private async Task Publish(DutyDecision decision, Abstractions.Notifications.DomainEvent? notice)
    {
        var provider = this.GetStreamProvider(StreamNames.Provider);
        var sends = new List<Task>();
        if (notice is not null)
        {
            sends.Add(events.Publish(notice));
        }

        foreach (var member in decision.Deltas.Select(d => d.Member).Distinct())
        {
            if (_state.CreditTo(member) is { } credit)
            {
                GrainFactory.GetGrain<IMemberGrain>(member).Credit(credit).Ignore();
            }
        }

        if (_state.ToBookItem() is { } item)
        {
            sends.Add(provider.GetStream<DutyBookItem>(Streams.DutyBookOf(item.Group)).OnNextAsync(item));
        }

        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Publishing {Stream} v{Version} failed; receivers will heal", _state.Stream, _state.Version);
        }
    }
}
