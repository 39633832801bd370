namespace CommitteeGrid.Abstractions.Network;

/// <summary>What a unit of the committee network is.</summary>
public enum UnitKind
{
    Committee = 1,
    LiaisonOffice = 2,
    ActivityGroup = 3,
    Member = 4,
}
