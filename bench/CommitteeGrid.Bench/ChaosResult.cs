namespace CommitteeGrid.Bench;

/// <summary>The figures of a chaos run; <see cref="Passed"/> is what the exit code and the test hold it to.</summary>
public sealed record ChaosResult
{
    public long Acknowledged { get; init; }

    /// <summary>Acknowledgements that carried Idempotent-Replayed: a retry found its first attempt already in the ledger.</summary>
    public long Replayed { get; init; }

    /// <summary>Definite 4xx answers. Every command the load sends is legal, so any refusal is a finding.</summary>
    public long Refused { get; init; }

    public string? FirstRefusal { get; init; }

    /// <summary>Commands still without a definite answer when the client gave up on them.</summary>
    public long Unresolved { get; init; }

    public long Retries { get; init; }

    public long Unavailable { get; init; }

    public long OtherServerErrors { get; init; }

    public long ConnectionErrors { get; init; }

    public long Timeouts { get; init; }

    public long KeysChecked { get; init; }

    public long KeysMissing { get; init; }

    public bool VerifyOk { get; init; }

    public int Differences { get; init; }

    public long LedgerEntries { get; init; }

    /// <summary>Seconds from the SIGKILL to the first verify that reported ok; null when it never did.</summary>
    public double? ConvergenceSeconds { get; init; }

    /// <summary>Seconds from the SIGKILL until the membership table marked the killed silo Dead; null when not seen.</summary>
    public double? KilledSiloDeadAfterSeconds { get; init; }

    public double GracefulStopSeconds { get; init; }

    /// <summary>Whether the SIGTERMed silo left by itself (false: it overstayed and was killed).</summary>
    public bool GracefulStopClean { get; init; }

    /// <summary>When the kill happened and the load stopped, in seconds since the load started.</summary>
    public double KillAtSeconds { get; init; }

    public double LoadSeconds { get; init; }

    /// <summary>Acknowledgements in the 3 s before the kill, and from the kill until the load was told to stop.</summary>
    public long AcksBeforeKill { get; init; }

    public long AcksAfterKill { get; init; }

    /// <summary>Acknowledgements after the membership vote declared the killed silo dead, until the load stopped.</summary>
    public long AcksAfterVote { get; init; }

    /// <summary>Whole seconds from the kill until the load was told to stop in which no command was acknowledged.</summary>
    public int StalledSeconds { get; init; }

    /// <summary>Requests in flight on the victim at the instant it was killed.</summary>
    public int InFlightOnVictimAtKill { get; init; }

    public bool Passed => KeysMissing == 0 && VerifyOk && Refused == 0 && Unresolved == 0;
}
