using System.Diagnostics;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>
/// Delivers one webhook's events: each queued event is POSTed, signed, until the receiver answers 2xx or
/// the attempts run out, waiting longer after each failure. A grain timer makes the next attempt on
/// time; while the outbox is not empty a reminder is registered too, which wakes the grain if it was
/// deactivated (or its silo lost), so a delivery resumes from the stored outbox.
/// </summary>
public sealed class WebhookGrain(
    [PersistentState("webhook", "notifications")] IPersistentState<WebhookSnapshot> store,
    IWebhookTransport transport,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookGrain> logger)
    : Grain, IWebhookGrain, IRemindable
{
    private const string ReminderName = "deliver";

    /// <summary>Event ids remembered after delivery, so a repeated dispatch is not delivered again.</summary>
    private const int KeptDelivered = 1000;

    /// <summary>Attempts made at once; the rest wait for the next round.</summary>
    private const int Parallel = 8;

    private readonly WebhookOptions _options = options.Value;
    private IGrainTimer? _timer;
    private bool _reminderOn;

    private WebhookSnapshot State => store.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Open && State.Outbox.Count > 0)
        {
            await EnsureReminder();
            ScheduleNext();
        }
    }

    public async Task<string> Open(WebhookView webhook)
    {
        if (!State.Open || State.Url != webhook.Url || State.Id != webhook.Id)
        {
            var secret = State.Open && State.Secret.Length > 0 ? State.Secret : WebhookSignature.NewSecret();
            store.State = new WebhookSnapshot
            {
                Open = true,
                Id = webhook.Id,
                Unit = webhook.Unit,
                Url = webhook.Url,
                Events = [.. webhook.Events],
                CreatedAt = webhook.CreatedAt,
                CreatedBy = webhook.CreatedBy,
                Secret = secret,
            };
            await store.WriteStateAsync();
        }

        return State.Secret;
    }

    public async Task Close()
    {
        _timer?.Dispose();
        _timer = null;
        await StopReminder();
        if (State.Open || State.Outbox.Count > 0)
        {
            await store.ClearStateAsync();
            store.State = new WebhookSnapshot();
        }
    }

    public async Task Enqueue(DomainEvent e)
    {
        if (!State.Open || State.Outbox.Exists(o => o.EventId == e.EventId) || State.Delivered.Contains(e.EventId))
        {
            return;
        }

        var now = clock.GetUtcNow();
        State.Outbox.Add(new OutboxItem
        {
            EventId = e.EventId,
            Kind = e.Kind,
            Body = WebhookPayload.Of(e, State.Id, State.Unit, e.Recipients).ToJson(),
            QueuedAt = now,
            NextAttemptAt = now,
        });
        await store.WriteStateAsync();
        await EnsureReminder();
        ScheduleNext();
    }

    public Task<WebhookDeliveries?> GetDeliveries(int limit) => Task.FromResult(State.Open
        ? new WebhookDeliveries(
            State.View(),
            [.. State.Outbox.OrderBy(o => o.NextAttemptAt).Select(o => o.ToView())],
            [.. State.Attempts.AsEnumerable().Reverse().Take(limit).Select(a => a.ToView())])
        : null);

    public Task ReceiveReminder(string reminderName, TickStatus status) => DeliverDue();

    private async Task DeliverDue()
    {
        if (!State.Open || State.Outbox.Count == 0)
        {
            await StopReminder();
            return;
        }

        var now = clock.GetUtcNow();
        var due = State.Outbox.Where(o => o.NextAttemptAt <= now).OrderBy(o => o.NextAttemptAt).Take(Parallel).ToList();
        if (due.Count > 0)
        {
            var results = await Task.WhenAll(due.Select(Attempt));
            foreach (var (item, response, duration, at) in results)
            {
                Record(item, response, duration, at);
            }

            try
            {
                await store.WriteStateAsync();
            }
            catch (Exception ex)
            {
                // Delivered items may be sent again after a restart; receivers dedupe by delivery id.
                logger.LogWarning(ex, "Writing the outbox of webhook {Webhook} failed", this.GetPrimaryKeyString());
            }
        }

        if (State.Outbox.Count == 0)
        {
            await StopReminder();
        }
        else
        {
            ScheduleNext();
        }
    }

    private async Task<(OutboxItem Item, WebhookResponse Response, TimeSpan Duration, DateTimeOffset At)> Attempt(OutboxItem item)
    {
        var at = clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>
        {
            [WebhookSignature.EventHeader] = item.Kind,
            [WebhookSignature.DeliveryHeader] = item.EventId,
            [WebhookSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign(State.Secret, timestamp, item.Body),
            [WebhookSignature.AttemptHeader] = (item.Attempts + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var watch = Stopwatch.StartNew();
        WebhookResponse response;
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout);
            response = await transport.PostAsync(new Uri(State.Url), item.Body, headers, timeout.Token);
        }
        catch (Exception ex)
        {
            response = new WebhookResponse(null, ex.Message);
        }

        return (item, response, watch.Elapsed, at);
    }

    private void Record(OutboxItem item, WebhookResponse response, TimeSpan duration, DateTimeOffset at)
    {
        item.Attempts++;
        var schedule = _options.Schedule;
        string outcome;
        if (response.Delivered)
        {
            outcome = "delivered";
            State.Outbox.Remove(item);
            State.Delivered.Add(item.EventId);
            if (State.Delivered.Count > KeptDelivered)
            {
                State.Delivered.RemoveAt(0);
            }
        }
        else if (schedule.RetriesAfter(item.Attempts))
        {
            outcome = "retrying";
            item.NextAttemptAt = clock.GetUtcNow() + schedule.DelayAfter(item.Attempts, Random.Shared.NextDouble());
        }
        else
        {
            outcome = "gave_up";
            State.Outbox.Remove(item);
            logger.LogWarning("Webhook {Webhook} gave up on {EventId} after {Attempts} attempts", this.GetPrimaryKeyString(), item.EventId, item.Attempts);
        }

        State.Attempts.Add(new StoredAttempt
        {
            EventId = item.EventId,
            Kind = item.Kind,
            Attempt = item.Attempts,
            At = at,
            Status = response.Status,
            Error = response.Error is { Length: > 300 } text ? text[..300] : response.Error,
            DurationMs = (long)duration.TotalMilliseconds,
            Outcome = outcome,
        });
        if (State.Attempts.Count > _options.KeptAttempts)
        {
            State.Attempts.RemoveRange(0, State.Attempts.Count - _options.KeptAttempts);
        }
    }

    private void ScheduleNext()
    {
        if (State.Outbox.Count == 0)
        {
            return;
        }

        var wait = State.Outbox.Min(o => o.NextAttemptAt) - clock.GetUtcNow();
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(DeliverDue, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task EnsureReminder()
    {
        if (_reminderOn)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
            _reminderOn = true;
        }
        catch (Exception ex)
        {
            // The timer still delivers; only resuming after a deactivation depends on the reminder.
            logger.LogWarning(ex, "Registering the delivery reminder of webhook {Webhook} failed", this.GetPrimaryKeyString());
        }
    }

    private async Task StopReminder()
    {
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderOn = false;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Unregistering the delivery reminder of webhook {Webhook} failed", this.GetPrimaryKeyString());
        }
    }
}
