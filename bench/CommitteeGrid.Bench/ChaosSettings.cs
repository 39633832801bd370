namespace CommitteeGrid.Bench;

/// <summary>What one chaos run does: how big, how long, how hard, and against which database and host build.</summary>
public sealed record ChaosSettings
{
    public int Members { get; init; } = 20_000;

    /// <summary>Planned seconds of load; the phases sit at fixed fractions of it.</summary>
    public int Seconds { get; init; } = 60;

    public int Workers { get; init; } = 32;

    /// <summary>The silos' Rollup:HealInterval; null keeps the host's default (30 s).</summary>
    public TimeSpan? HealInterval { get; init; }

    /// <summary>How long the final verify may wait, and how long convergence is polled for.</summary>
    public int VerifyWaitSeconds { get; init; } = 120;

    public string Postgres { get; init; } = "";

    public string NetworkFile { get; init; } = "";

    public string HostDll { get; init; } = "";

    /// <summary>Parses `chaos [--members N] [--seconds S] [--workers W] [--heal-interval S]`; null on a bad argument.</summary>
    public static ChaosSettings? Parse(string[] args) =>
        BenchArguments.Parse(args, new ChaosSettings(), (settings, name, n) => name switch
        {
            "--members" => settings with { Members = n },
            "--seconds" => settings with { Seconds = n },
            "--workers" => settings with { Workers = n },
            "--heal-interval" => settings with { HealInterval = TimeSpan.FromSeconds(n) },
            _ => null,
        });
}
