using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>
/// One recipient's feed, handed each event by <see cref="EventPublisher"/>. Live pages long-poll it
/// (<see cref="WaitAfter"/>): every waiter is released the moment an item arrives.
/// </summary>
public sealed class NotificationFeedGrain(
    [PersistentState("feed", "notifications")] IPersistentState<FeedSnapshot> store,
    IOptions<NotificationOptions> options,
    ILogger<NotificationFeedGrain> logger)
    : Grain, INotificationFeedGrain
{
    private readonly NotificationOptions _options = options.Value;
    private NotificationFeed _feed = null!;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IGrainTimer? _writeTimer;
    private bool _dirty;

    private string Recipient => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _feed = store.State.ToFeed(_options.FeedCapacity);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await Write();

    public Task<FeedPage> Read(long? after, int limit) => Task.FromResult(_feed.Page(Recipient, after, limit));

    public async Task<FeedPage> WaitAfter(long after, int limit, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (_feed.LastSeq <= after)
        {
            await Task.WhenAny(_arrived.Task, Task.Delay(maxWait, cancellationToken));
        }

        return _feed.Page(Recipient, after, limit);
    }

    public async Task<MarkReadResult> MarkRead(CommandMeta meta, long through)
    {
        if (_feed.MarkRead(meta.ScopedKey, through) is not { } marked)
        {
            return new MarkReadResult(null, new Rejection(RejectionKind.KeyReused,
                $"Idempotency-Key '{meta.IdempotencyKey}' was already used to mark a different position read; use a new key for a new request"), false);
        }

        if (!marked.Replayed)
        {
            // The reader's own action: written before it is answered.
            _dirty = true;
            await Write();
        }

        var mark = marked.Mark;
        return new MarkReadResult(new FeedStatus(Recipient, mark.LastSeq, mark.ReadThrough, mark.Unread), null, marked.Replayed);
    }

    public Task Deliver(DomainEvent e)
    {
        if (_feed.Add(e))
        {
            _dirty = true;
            ScheduleWrite();
            var arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.TrySetResult();
        }

        return Task.CompletedTask;
    }

    private void ScheduleWrite()
    {
        _writeTimer ??= this.RegisterGrainTimer(async _ =>
        {
            _writeTimer?.Dispose();
            _writeTimer = null;
            await Write();
        }, _options.WriteInterval, Timeout.InfiniteTimeSpan);
    }

    private async Task Write()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            store.State = FeedSnapshot.From(_feed);
            await store.WriteStateAsync();
        }
        catch (Exception ex)
        {
            _dirty = true;
            logger.LogWarning(ex, "Writing the feed of {Recipient} failed; it will be tried again", Recipient);
            ScheduleWrite();
        }
    }
}
