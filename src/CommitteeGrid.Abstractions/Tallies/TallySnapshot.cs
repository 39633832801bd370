namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>
/// A child's cumulative tally with its version. Cumulative and versioned so that a lost, repeated or
/// reordered copy is harmless: the receiver keeps the newest version and overwrites, never adds.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.TallySnapshot")]
public sealed record TallySnapshot(
    [property: Id(0)] string ChildKey,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyDictionary<TallyKey, long> Counts)
{
    /// <summary>
    /// The ledger time of the newest change this tally carries up the tree, when known (a tally rebuilt
    /// from the ledger does not say): how long changes take to reach each level is measured from it.
    /// </summary>
    [Id(3)]
    public DateTimeOffset? ChangedAt { get; init; }
}
