namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>A unit's counters for one year, as read from its rollup.</summary>
[GenerateSerializer, Immutable, Alias("cg.UnitTally")]
public sealed record UnitTally(
    [property: Id(0)] string Code,
    [property: Id(1)] int Year,
    [property: Id(2)] long Version,
    [property: Id(3)] IReadOnlyDictionary<string, long> Counters);
