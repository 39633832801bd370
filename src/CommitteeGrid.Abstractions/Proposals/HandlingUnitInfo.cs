namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>A handling unit (承办单位, a government department) that answers a committee's proposals.</summary>
[GenerateSerializer, Immutable, Alias("cg.HandlingUnitInfo")]
public sealed record HandlingUnitInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Committee);
