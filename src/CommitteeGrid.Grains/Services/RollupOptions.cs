namespace CommitteeGrid.Grains.Services;

/// <summary>Timing of the live rollups (configuration section "Rollup").</summary>
public sealed class RollupOptions
{
    /// <summary>At most one publish to the parent per interval: bursts coalesce, and 7 levels stay well under a second.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How often an active rollup may pull its children's tallies to heal lost stream messages: the
    /// first wait after a heal that found a difference, and the longest after a silo joins or leaves.
    /// </summary>
    public TimeSpan HealInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait between periodic heals of a unit whose heals keep finding nothing (each doubles
    /// it): at the national size, 76,000 units healing every HealInterval kept more than a core busy.
    /// </summary>
    public TimeSpan HealIntervalMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a committee also checks its review inbox against the ledger (besides on activation). An
    /// inbox notice is lost only when a silo stops, and the check reads every report that entered the
    /// inbox: at thousands of committees, every HealInterval would be a steady load on the database.
    /// </summary>
    public TimeSpan InboxHealInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many committee inbox heals may read the ledger at once on a silo (<see cref="HealGate"/>). A
    /// few keep the database busy; more only take connections that commands are waiting for.
    /// </summary>
    public int HealConcurrency { get; set; } = 4;

    /// <summary>How often a changed rollup writes its snapshot (it is also written on deactivation).</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);
}
