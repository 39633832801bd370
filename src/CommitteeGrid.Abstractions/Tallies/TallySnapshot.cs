namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>
/// A child's cumulative tally with its version. Cumulative and versioned so that a lost, repeated or
/// reordered copy is harmless: the receiver keeps the newest version and overwrites, never adds.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.TallySnapshot")]
public sealed record TallySnapshot(
    [property: Id(0)] string ChildKey,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyDictionary<TallyKey, long> Counts);
