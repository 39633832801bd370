namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// When a failed delivery is tried again: after the n-th failure wait BaseDelay·2^(n−1), capped at
/// MaxDelay, spread by ±Jitter so that many webhooks failing together do not retry in step; give up
/// after MaxAttempts attempts in all.
/// </summary>
public sealed record RetrySchedule(TimeSpan BaseDelay, TimeSpan MaxDelay, int MaxAttempts, double Jitter)
{
    public static RetrySchedule Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), 10, 0.2);

    /// <summary>What is wrong with the schedule's settings, or null.</summary>
    public string? Problem() => this switch
    {
        { BaseDelay: var b } when b <= TimeSpan.Zero => "BaseDelay must be positive",
        { MaxDelay: var m, BaseDelay: var b } when m < b => "MaxDelay must not be shorter than BaseDelay",
        { MaxAttempts: < 1 } => "MaxAttempts must be at least 1",
        { Jitter: < 0 or >= 1 } => "Jitter must be at least 0 and below 1",
        _ => null,
    };

    /// <summary>The wait after the <paramref name="failures"/>-th failure, before jitter.</summary>
    public TimeSpan NominalDelay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var ticks = BaseDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 62));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The wait after the <paramref name="failures"/>-th failure for a uniform <paramref name="random"/> in
    /// [0, 1): the nominal delay times a factor in [1 − Jitter, 1 + Jitter), never above MaxDelay.
    /// </summary>
    public TimeSpan DelayAfter(int failures, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(random, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(random, 1.0);
        var factor = 1 - Jitter + (2 * Jitter * random);
        var ticks = NominalDelay(failures).Ticks * factor;
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Whether another attempt follows once <paramref name="attemptsMade"/> attempts have failed.</summary>
    public bool RetriesAfter(int attemptsMade) => attemptsMade < MaxAttempts;
}
