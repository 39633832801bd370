namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>One counter of one year, e.g. (2026, "report.adopted.city").</summary>
[GenerateSerializer, Immutable, Alias("cg.TallyKey")]
public readonly record struct TallyKey([property: Id(0)] int Year, [property: Id(1)] string Counter)
{
    public override string ToString() => $"{Year}:{Counter}";
}
