using CommitteeGrid.Abstractions.Duty;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>委员活动组: rolls up its members.</summary>
public interface IActivityGroupGrain : IRollupUnitGrain
{
    /// <summary>Every member's "six ones" (六个一) for a year, from the members' tallies the group holds.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<SixOnesProgress>> GetSixOnes(int year);
}
