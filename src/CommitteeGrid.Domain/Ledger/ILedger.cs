using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Domain.Ledger;

/// <summary>
/// The append-only record of every accepted change. An append is durable when its task completes;
/// only then may a grain apply the change and answer success.
/// </summary>
public interface ILedger
{
    Task<AppendOutcome> AppendAsync(LedgerEntry entry, CancellationToken ct = default);

    /// <summary>A stream's entries with Version greater than <paramref name="afterVersion"/>, in version order.</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadStreamAsync(string stream, long afterVersion, CancellationToken ct = default);

    /// <summary>
    /// What each stream has credited to one member: per stream the version of its last entry that
    /// credited the member, and the summed counts. A member's rollup is rebuilt from this.
    /// </summary>
    Task<IReadOnlyList<TallySnapshot>> ReadMemberContributionsAsync(string member, CancellationToken ct = default);

    /// <summary>
    /// Every credited member's cumulative tally under a path prefix, exactly as that member's rollup
    /// would publish it (version = sum over its streams of the last crediting version). An activity
    /// group heals from this without waking its members' grains.
    /// </summary>
    Task<IReadOnlyList<TallySnapshot>> ReadMemberTalliesAsync(string subtreePath, CancellationToken ct = default);

    /// <summary>
    /// Only the versions of <see cref="ReadMemberTalliesAsync"/>, per credited member: enough for a group
    /// that holds its members' tallies to see whether any is behind, without the counts.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> ReadMemberVersionsAsync(string subtreePath, CancellationToken ct = default);

    /// <summary>Summed counts per member path for a subtree (path prefix) and year: the ledger's own aggregation.</summary>
    Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberAsync(string subtreePath, int year, CancellationToken ct = default);

    /// <summary>
    /// The same aggregation counting only entries that occurred before <paramref name="before"/>: the
    /// figures as they stood at that instant (e.g. the end of a China-time day).
    /// </summary>
    Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberBeforeAsync(string subtreePath, int year, DateTimeOffset before, CancellationToken ct = default);

    /// <summary>Summed counts of a subtree and year per month (1-12) in which the entries occurred, China time.</summary>
    Task<IReadOnlyDictionary<int, Dictionary<string, long>>> AggregateByMonthAsync(string subtreePath, int year, CancellationToken ct = default);

    /// <summary>Streams that entered <paramref name="subject"/>'s inbox, each with the stream's latest version.</summary>
    Task<IReadOnlyDictionary<string, long>> StreamsForSubjectAsync(string subject, CancellationToken ct = default);

    /// <summary>The audit trail of a subtree: entries concerning it (see <see cref="AuditQuery"/>), newest first, without their deltas.</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);
}
