namespace CommitteeGrid.Abstractions.Commands;

/// <summary>The answer to an accepted command: the ledger entry it became. A retry gets the same receipt.</summary>
[GenerateSerializer, Immutable, Alias("cg.Receipt")]
public sealed record Receipt(
    [property: Id(0)] string Stream,
    [property: Id(1)] long Version,
    [property: Id(2)] string Event,
    [property: Id(3)] DateTimeOffset OccurredAt);
