using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Domain.Network;

/// <summary>A validated unit with its place in the tree worked out once.</summary>
public sealed class NetworkUnit
{
    internal NetworkUnit(string code, UnitKind kind, CommitteeLevel level, string name, string? parentCode)
    {
        Code = code;
        Kind = kind;
        Level = level;
        Name = name;
        ParentCode = parentCode;
    }

    public string Code { get; }

    public UnitKind Kind { get; }

    /// <summary>The committee level for committees; None for everything else.</summary>
    public CommitteeLevel Level { get; }

    public string Name { get; }

    public string? ParentCode { get; }

    /// <summary>Codes from the root down to this unit, joined by '/': a subtree is a path prefix.</summary>
    public string Path { get; internal set; } = "";

    public int Depth { get; internal set; }

    /// <summary>The committee this unit belongs to: itself for a committee, the nearest committee above otherwise.</summary>
    public string CommitteeCode { get; internal set; } = "";

    public string? Sector { get; internal init; }

    public string? Party { get; internal init; }

    public string? SpecialCommittee { get; internal init; }

    public List<string> ChildCodes { get; } = [];

    /// <summary>Members in this subtree (1 for a member).</summary>
    public int MemberCount { get; internal set; }

    public bool IsCommittee => Kind == UnitKind.Committee;

    public UnitInfo ToInfo() => new(
        Code, Kind, Level, Name, ParentCode, Path, Kind == UnitKind.Committee ? null : CommitteeCode,
        Sector, Party, SpecialCommittee, ChildCodes.Count, MemberCount);
}
