using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Ledger;

/// <summary>
/// One accepted change: the one record of what happened. Stream and Version identify it within its
/// aggregate (e.g. "report/R…", 1, 2, …); Seq is its place in the whole ledger, set on append.
/// Subject is the committee whose review inbox the entry brings the stream into, if any.
/// </summary>
public sealed record LedgerEntry(
    string Stream,
    long Version,
    string Kind,
    string Payload,
    string IdempotencyKey,
    string RequestHash,
    string ActorId,
    string ActorRole,
    string? ActorScope,
    string? ActorAddress,
    DateTimeOffset OccurredAt,
    string? Subject,
    IReadOnlyList<TallyDelta> Deltas)
{
    public long Seq { get; init; }
}
