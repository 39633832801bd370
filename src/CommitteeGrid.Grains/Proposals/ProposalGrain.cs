using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace CommitteeGrid.Grains.Proposals;

/// <summary>
/// One proposal. Like a report, its state is its ledger stream folded, rebuilt on activation. What the
/// clock decides (signing closes, answers fall due) runs on a grain timer at the exact moment while the
/// grain is active, with a reminder as the durable backstop that wakes it if it is not; the steps are
/// recorded under fixed idempotency keys, so whichever fires first records them and the other finds
/// nothing left to do.
/// </summary>
public sealed class ProposalGrain(ILedger ledger, ProposalCatalog catalog, EventPublisher events, TimeProvider clock, ILogger<ProposalGrain> logger)
    : Grain, IProposalGrain, IRemindable
{
    public const string DeadlineReminder = "deadline";

    /// <summary>Orleans' minimum: how often the reminder repeats until the grain has done what was due.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(7);

    private ProposalState _state = null!;
    private IGrainTimer? _deadlineTimer;
    private DateTimeOffset? _timerAt;
    private DateTimeOffset? _reminderAt;
    private bool _reminderMayExist;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new ProposalState(this.GetPrimaryKeyString());
        await CatchUp(cancellationToken);
        if (ProposalRules.NextDeadline(_state, DueSoonDays) is not null)
        {
            // Whether (and for when) a reminder is registered is not part of the state: register it afresh.
            _reminderMayExist = true;
            await ScheduleDeadline();
        }

        if (HasFollowUps)
        {
            // Finish a merger or a conversion whose second half may not have happened; not inside activation.
            this.RegisterGrainTimer(_ => FollowUps(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private int DueSoonDays => catalog.HandlingUnits.DueSoonDays;

    private bool HasFollowUps => _state.MergedInto is not null || _state.ReportId is not null;

    public Task<CommandResult> Draft(CommandMeta meta, DraftProposal command) =>
        Execute(meta, "draft", command, _ => Task.FromResult(ProposalRules.Draft(_state, catalog, command)));

    public Task<CommandResult> Invite(CommandMeta meta, InviteCosigners command) =>
        Execute(meta, "invite", command, now => Task.FromResult(ProposalRules.Invite(_state, catalog, command, now)));

    public Task<CommandResult> Sign(CommandMeta meta, SignProposal command) =>
        Execute(meta, "sign", command, now => Task.FromResult(ProposalRules.Sign(_state, command, now)));

    public Task<CommandResult> Submit(CommandMeta meta, SubmitProposal command) =>
        Execute(meta, "submit", command, now => Task.FromResult(ProposalRules.Submit(_state, catalog, command, now)));

    public Task<CommandResult> Withdraw(CommandMeta meta, WithdrawProposal command) =>
        Execute(meta, "withdraw", command, _ => Task.FromResult(ProposalRules.Withdraw(_state, command)));

    public Task<CommandResult> Review(CommandMeta meta, ReviewProposal command) =>
        Execute(meta, "review", command, async now =>
        {
            if (ProposalRules.CheckReview(_state, catalog, command) is { } rejection)
            {
                return ProposalDecision.Refuse(rejection);
            }

            switch (command.Action)
            {
                case ReviewAction.Register:
                    // The number is the register's: a retry, or a registration that failed after taking
                    // it, gets the same number back, so numbers stay gap-free and unique.
                    var register = GrainFactory.GetGrain<IProposalRegisterGrain>(NumberTaken.RegisterKey(_state.Committee, _state.Session!));
                    int number;
                    try
                    {
                        number = await register.Take(_state.Id);
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "Numbering {Id} failed", _state.Id);
                        return ProposalDecision.Refuse(RejectionKind.Unavailable, "the register could not give a number now; nothing was recorded, retry with the same Idempotency-Key");
                    }

                    return ProposalRules.Register(_state, catalog, number, now);

                case ReviewAction.Merge:
                    var target = await GrainFactory.GetGrain<IProposalGrain>(command.Into!).CheckMergeTarget(_state.Id, _state.Committee);
                    return target is not null ? ProposalDecision.Refuse(target) : ProposalRules.Review(_state, catalog, command, now);

                default:
                    return ProposalRules.Review(_state, catalog, command, now);
            }
        });

    public Task<CommandResult> Assign(CommandMeta meta, AssignProposal command) =>
        Execute(meta, "assign", command, now => Task.FromResult(ProposalRules.Assign(_state, catalog, command, now)));

    public Task<CommandResult> Answer(CommandMeta meta, AnswerProposal command) =>
        Execute(meta, "answer", command, now => Task.FromResult(ProposalRules.Answer(_state, catalog, command, now)));

    public Task<CommandResult> HandBack(CommandMeta meta, HandBackProposal command) =>
        Execute(meta, "handback", command, _ => Task.FromResult(ProposalRules.HandBack(_state, catalog, command)));

    public Task<CommandResult> Rate(CommandMeta meta, RateProposal command) =>
        Execute(meta, "rate", command, now => Task.FromResult(ProposalRules.Rate(_state, catalog, command, now)));

    public Task<CommandResult> Absorb(string mergedId, string committee, string lead, IReadOnlyList<string> cosigners)
    {
        // One key per merged proposal: however often the merged proposal asks, it is recorded once.
        var meta = new CommandMeta($"merge/{mergedId}", Actor.System);
        return Execute(meta, "absorb", new { mergedId, committee, lead, cosigners }, now =>
            Task.FromResult(ProposalRules.Absorb(_state, catalog, mergedId, committee, lead, cosigners, now)));
    }

    public Task<Rejection?> CheckMergeTarget(string mergedId, string committee) =>
        Task.FromResult(ProposalRules.CheckMergeTarget(_state, mergedId, committee));

    public Task<ProposalView?> GetView() => Task.FromResult(_state.Exists ? _state.ToView() : null);

    public Task<ProposalSummary?> GetSummary() => Task.FromResult(_state.ToSummary());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder)
        {
            return;
        }

        // It may have fired early (waits are capped) or late: schedule afresh from what is due now.
        _reminderMayExist = true;
        _reminderAt = null;
        await RunDueSteps();
    }

    private async Task<CommandResult> Execute<T>(CommandMeta meta, string operation, T command, Func<DateTimeOffset, Task<ProposalDecision>> decide)
    {
        var hash = RequestHash.Of(operation, _state.Stream, command);
        if (Replay(meta, hash) is { } replayed)
        {
            return await AfterwardsOr(replayed);
        }

        var now = LedgerClock.Now(clock);
        var decision = await decide(now);
        if (decision.Rejection is { } rejection)
        {
            return CommandResult.Refuse(rejection);
        }

        var result = await Append(meta.ScopedKey, meta.Actor, hash, decision, now);
        if (result.Replayed)
        {
            result = Replay(meta, hash) ?? CommandAnswers.KeyReused(meta);
        }

        return result.Accepted ? await AfterwardsOr(result) : result;
    }

    /// <summary>
    /// Appends one decided event; on success applies it, publishes and reschedules the clock. A result
    /// marked replayed means the key was found already in this stream (the caller answers as a retry).
    /// </summary>
    private async Task<CommandResult> Append(string scopedKey, Actor actor, string hash, ProposalDecision decision, DateTimeOffset now)
    {
        var e = decision.Event!;
        var entry = new LedgerEntry(
            _state.Stream, _state.Version + 1, e.Kind, ProposalJson.Serialize(e), scopedKey, hash,
            actor.UserId, actor.Role, actor.Scope, actor.Address, now, decision.Subject, decision.Deltas);

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
                await Publish(decision, ProposalNotices.For(_state, entry, e, catalog.Network.Get(_state.Committee).Level));
                await ScheduleDeadline();
                return CommandResult.Ok(new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt));

            case AppendStatus.DuplicateKey when outcome.Existing!.Stream == _state.Stream:
                // Landed earlier without this activation knowing (an append that timed out): catch up.
                await CatchUp(CancellationToken.None);
                return CommandResult.Ok(new Receipt(outcome.Existing.Stream, outcome.Existing.Version, outcome.Existing.Kind, outcome.Existing.OccurredAt), replayed: true);

            case AppendStatus.DuplicateKey:
                return CommandResult.Refuse(RejectionKind.KeyReused, CommandAnswers.KeyReusedMessage(scopedKey[(scopedKey.IndexOf(':') + 1)..]));

            default:
                DeactivateOnIdle();
                return CommandAnswers.ChangedConcurrently($"proposal {_state.Id}");
        }
    }

    private CommandResult? Replay(CommandMeta meta, string hash) => CommandAnswers.Replay(_state.FindKey(meta.ScopedKey), hash, meta);

    /// <summary>
    /// The command's answer once its consequences in other grains are done (the surviving proposal of a
    /// merger has absorbed this one; the report a proposal was turned into exists). If they cannot be done
    /// now, the caller is told to retry with the same key, which replays the entry and tries again.
    /// </summary>
    private async Task<CommandResult> AfterwardsOr(CommandResult result)
    {
        if (!HasFollowUps)
        {
            return result;
        }

        return await FollowUps()
            ? result
            : CommandResult.Refuse(RejectionKind.Unavailable, $"proposal {_state.Id}: the decision is recorded but its follow-up could not be completed yet; retry with the same Idempotency-Key");
    }

    private async Task<bool> FollowUps()
    {
        try
        {
            if (_state.MergedInto is { } into)
            {
                var absorbed = await GrainFactory.GetGrain<IProposalGrain>(into)
                    .Absorb(_state.Id, _state.Committee, _state.Lead, _state.Cosigners);
                if (!absorbed.Accepted)
                {
                    logger.LogWarning("Proposal {Into} did not absorb {Id}: {Reason}", into, _state.Id, absorbed.Rejection?.Message);
                    return absorbed.Rejection?.Kind != RejectionKind.Unavailable;
                }
            }

            if (_state.ReportId is { } reportId)
            {
                var submit = new SubmitInfoReport(_state.Lead, _state.Cosigners, _state.Title, _state.ReportBody!);
                var submitted = await GrainFactory.GetGrain<IInfoReportGrain>(reportId)
                    .Submit(new CommandMeta($"proposal-report/{_state.Id}", Actor.System), submit);
                if (!submitted.Accepted && submitted.Rejection?.Kind == RejectionKind.Unavailable)
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Follow-up of proposal {Id} failed; it is retried on the next call or activation", _state.Id);
            return false;
        }
    }

    private async Task CatchUp(CancellationToken ct)
    {
        foreach (var entry in await ledger.ReadStreamAsync(_state.Stream, _state.Version, ct))
        {
            _state.Replay(entry);
        }
    }

    /// <summary>Records every step the clock has made due, then schedules the next.</summary>
    private async Task RunDueSteps()
    {
        var now = LedgerClock.Now(clock);
        foreach (var step in ProposalRules.DueSteps(_state, DueSoonDays, now))
        {
            var decision = ProposalDecision.Accept(step.Event);
            var key = $"{Actor.System.UserId}:{_state.Stream}/{step.Key}";
            var result = await Append(key, Actor.System, RequestHash.Of("clock", _state.Stream, step.Key), decision, now);
            if (!result.Accepted)
            {
                // The reminder comes back; the ledger keeps the step from being recorded twice.
                logger.LogWarning("Timed step {Step} of {Id} not recorded: {Reason}", step.Key, _state.Id, result.Rejection?.Message);
                break;
            }
        }

        await ScheduleDeadline();
    }

    private async Task ScheduleDeadline()
    {
        var next = ProposalRules.NextDeadline(_state, DueSoonDays);
        try
        {
            if (next != _timerAt)
            {
                _deadlineTimer?.Dispose();
                _deadlineTimer = null;
                _timerAt = next;
                if (next is { } at)
                {
                    _deadlineTimer = this.RegisterGrainTimer(OnDeadlineTimer, WaitUntil(at), Timeout.InfiniteTimeSpan);
                }
            }
        }
        catch (Exception ex)
        {
            // Never fails the command that was recorded: the reminder below, or the next activation, catches up.
            logger.LogWarning(ex, "Setting the deadline timer of {Id} failed", _state.Id);
            _timerAt = null;
        }

        try
        {
            if (next is { } due && _reminderAt != due)
            {
                await this.RegisterOrUpdateReminder(DeadlineReminder, WaitUntil(due), ReminderPeriod);
                _reminderAt = due;
                _reminderMayExist = true;
            }
            else if (next is null && _reminderMayExist)
            {
                if (await this.GetReminder(DeadlineReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                _reminderAt = null;
                _reminderMayExist = false;
            }
        }
        catch (Exception ex)
        {
            // The timer still fires while the grain is active; the next change tries the reminder again.
            logger.LogWarning(ex, "Updating the deadline reminder of {Id} failed", _state.Id);
            _reminderAt = null;
            _reminderMayExist = true;
        }
    }

    /// <summary>
    /// How long to wait for a deadline, at most <see cref="MaxWait"/>: timers take at most about 49 days,
    /// and an answer is due up to a year ahead. Waking early costs nothing: no step is due yet, and the
    /// wait is set again from there.
    /// </summary>
    private TimeSpan WaitUntil(DateTimeOffset at)
    {
        var wait = at - clock.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
    }

    private Task OnDeadlineTimer(CancellationToken ct)
    {
        // One-shot: forget it, so that scheduling afterwards sets a new one even for the same deadline.
        _deadlineTimer = null;
        _timerAt = null;
        return RunDueSteps();
    }

    /// <summary>
    /// Notifications only: credited members' new cumulative credit, the proposal's summary to its
    /// committee's register and to every handling unit that has had a part in it, and the event for the
    /// people it concerns. Registers and queues heal from the ledger (and the register) if one is lost.
    /// </summary>
    private async Task Publish(ProposalDecision decision, Abstractions.Notifications.DomainEvent? notice)
    {
        var provider = this.GetStreamProvider(Abstractions.Grains.StreamNames.Provider);
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

        if (_state.ToSummary() is { } summary)
        {
            sends.Add(provider.GetStream<ProposalSummary>(Streams.ProposalRegisterOf(_state.Committee)).OnNextAsync(summary));
            foreach (var unit in _state.Units.Select(u => u.Unit).Distinct())
            {
                sends.Add(provider.GetStream<ProposalSummary>(Streams.HandlingQueueOf(unit)).OnNextAsync(summary));
            }
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
