namespace CommitteeGrid.Domain.Ledger;

public enum AppendStatus
{
    Appended = 1,

    /// <summary>The idempotency key is already in the ledger; Existing is the entry that holds it.</summary>
    DuplicateKey = 2,

    /// <summary>(Stream, Version) is already taken: another writer got there first.</summary>
    VersionConflict = 3,
}

public sealed record AppendOutcome(AppendStatus Status, long Seq, LedgerEntry? Existing)
{
    public static AppendOutcome Appended(long seq) => new(AppendStatus.Appended, seq, null);

    public static AppendOutcome Duplicate(LedgerEntry existing) => new(AppendStatus.DuplicateKey, 0, existing);

    public static AppendOutcome Conflict() => new(AppendStatus.VersionConflict, 0, null);
}
