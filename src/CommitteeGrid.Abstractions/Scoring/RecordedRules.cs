namespace CommitteeGrid.Abstractions.Scoring;

/// <summary>
/// One version of a committee's scoring rules for a year, as recorded in the ledger: the rules
/// document (JSON, as validated when recorded), when and by whom.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.RecordedRules")]
public sealed record RecordedRules(
    [property: Id(0)] string Committee,
    [property: Id(1)] int Year,
    [property: Id(2)] int Version,
    [property: Id(3)] string Json,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] string RecordedBy);
