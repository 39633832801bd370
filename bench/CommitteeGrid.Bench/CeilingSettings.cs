namespace CommitteeGrid.Bench;

/// <summary>What one ceiling run does: the network, how long each stage runs, how many clients, against which databases and host build.</summary>
public sealed record CeilingSettings
{
    public int Members { get; init; } = 60_000;

    /// <summary>Measured seconds of each stage (after a short unmeasured warm-up of its own).</summary>
    public int Seconds { get; init; } = 20;

    /// <summary>Concurrent closed-loop clients, as in the plenary run.</summary>
    public int Workers { get; init; } = 64;

    /// <summary>The commands per second the figures are held against (the plenary target).</summary>
    public int Target { get; init; } = 5_000;

    /// <summary>The silo's database.</summary>
    public string Postgres { get; init; } = "";

    /// <summary>A database of its own on the same server for the ledger stage, so its rows never meet the silo's.</summary>
    public string LedgerPostgres { get; init; } = "";

    public string NetworkFile { get; init; } = "";

    public string HostDll { get; init; } = "";

    /// <summary>Parses `ceiling [--members N] [--seconds S] [--workers W] [--target N]`; null on a bad argument.</summary>
    public static CeilingSettings? Parse(string[] args) =>
        BenchArguments.Parse(args, new CeilingSettings(), (settings, name, n) => name switch
        {
            "--members" => settings with { Members = n },
            "--seconds" => settings with { Seconds = n },
            "--workers" => settings with { Workers = n },
            "--target" => settings with { Target = n },
            _ => null,
        });
}
