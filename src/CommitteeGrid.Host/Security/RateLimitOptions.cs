namespace CommitteeGrid.Host.Security;

/// <summary>Requests allowed per window (configuration section "RateLimit"): per signed-in user, and per address for everyone else.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerWindow { get; set; } = 600;

    /// <summary>Anonymous requests (login attempts, bad tokens) per client address.</summary>
    public int AnonymousPermitsPerWindow { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
