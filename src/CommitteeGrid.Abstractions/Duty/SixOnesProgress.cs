namespace CommitteeGrid.Abstractions.Duty;

/// <summary>
/// A member's "six ones" (六个一) for a year: per item the count so far; Missing names the items still
/// at zero (inspection, proposal, report, household, deed, reportback).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.SixOnesProgress")]
public sealed record SixOnesProgress(
    [property: Id(0)] string Member,
    [property: Id(1)] int Year,
    [property: Id(2)] IReadOnlyDictionary<string, long> Items,
    [property: Id(3)] IReadOnlyList<string> Missing)
{
    public bool Complete => Missing.Count == 0;
}
