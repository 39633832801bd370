namespace CommitteeGrid.Bench;

/// <summary>What one baseline run does: how big, how many timed repetitions, against which database and host build.</summary>
public sealed record BaselineSettings
{
    public int Members { get; init; } = 60_000;

    /// <summary>Ledger entries (rows of cg_ledger) to load; their counted rows in cg_ledger_tally come on top.</summary>
    public int Entries { get; init; } = 1_000_000;

    /// <summary>Timed runs of each way, after a few untimed ones.</summary>
    public int Repeats { get; init; } = 50;

    /// <summary>How long the rollups may take to heal from the loaded ledger before the run fails.</summary>
    public TimeSpan HealDeadline { get; init; } = TimeSpan.FromMinutes(15);

    public int Seed { get; init; } = 4;

    public string Postgres { get; init; } = "";

    public string NetworkFile { get; init; } = "";

    public string HostDll { get; init; } = "";

    /// <summary>Parses `baseline [--members N] [--entries N] [--repeats N]`; null on a bad argument.</summary>
    public static BaselineSettings? Parse(string[] args) =>
        BenchArguments.Parse(args, new BaselineSettings(), (settings, name, n) => name switch
        {
            "--members" => settings with { Members = n },
            "--entries" => settings with { Entries = n },
            "--repeats" => settings with { Repeats = n },
            _ => null,
        });
}
