namespace CommitteeGrid.Abstractions.Network;

/// <summary>One unit of the network as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("cg.UnitInfo")]
public sealed record UnitInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] UnitKind Kind,
    [property: Id(2)] CommitteeLevel Level,
    [property: Id(3)] string Name,
    [property: Id(4)] string? ParentCode,
    [property: Id(5)] string Path,
    [property: Id(6)] string? CommitteeCode,
    [property: Id(7)] string? Sector,
    [property: Id(8)] string? Party,
    [property: Id(9)] string? SpecialCommittee,
    [property: Id(10)] int ChildCount,
    [property: Id(11)] int MemberCount);
