namespace CommitteeGrid.Bench;

/// <summary>The figures of a baseline run; <see cref="Passed"/> is what the exit code and the test hold it to.</summary>
public sealed record BaselineResult
{
    public int Members { get; init; }

    public int Reports { get; init; }

    public long Entries { get; init; }

    public long TallyRows { get; init; }

    /// <summary>Every rollup equalled the ledger's aggregation after the heal.</summary>
    public bool VerifyOk { get; init; }

    public int UnitsChecked { get; init; }

    public double HealSeconds { get; init; }

    /// <summary>The silo's peak resident memory when the heal had finished.</summary>
    public double HealPeakMiB { get; init; }

    public double SiloPeakMiB { get; init; }

    /// <summary>The longest report streams replayed to their last version in their grains.</summary>
    public bool ReportsReplay { get; init; }

    /// <summary>Both ways gave the same ranking, numbers and order, in every timed run.</summary>
    public bool RankingsEqual { get; init; }

    public IReadOnlyList<BaselineTiming> Timings { get; init; } = [];

    /// <summary>Way B timed again with the silo stopped.</summary>
    public IReadOnlyList<BaselineTiming> SqlAlone { get; init; } = [];

    public bool Passed => VerifyOk && ReportsReplay && RankingsEqual;
}

/// <summary>One ranking timed both ways, in milliseconds.</summary>
public sealed record BaselineTiming(string Name, BaselineRanking Ranking, List<RankedUnit> Shown, double LiveP50, double LiveP99, double SqlP50, double SqlP99);
