using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Grains.Notifications;

/// <summary>Webhook delivery (configuration section "Webhooks").</summary>
public sealed class WebhookOptions
{
    /// <summary>The wait after the first failed attempt; it doubles after each further failure.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts in all before an event is given up (recorded as "gave_up").</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Each wait is spread by up to this fraction either way.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>How long one attempt may take (connect, send, answer).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Refuse private and loopback targets too (production should; tests use loopback receivers).</summary>
    public bool RefusePrivateTargets { get; set; }

    /// <summary>The durable backstop's period: a webhook with an outbox is woken at least this often.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How stale a silo's copy of "which units have webhooks" may get.</summary>
    public TimeSpan IndexRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delivery attempts kept per webhook for the deliveries view.</summary>
    public int KeptAttempts { get; set; } = 200;

    public RetrySchedule Schedule => new(BaseDelay, MaxDelay, MaxAttempts, Jitter);
}
