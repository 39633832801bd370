using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Grains.Services;

public static class UnitGrains
{
    /// <summary>The rollup grain of a unit, by its kind.</summary>
    public static IRollupUnitGrain UnitGrain(this IGrainFactory factory, UnitKind kind, string code) => kind switch
    {
        UnitKind.Member => factory.GetGrain<IMemberGrain>(code),
        UnitKind.ActivityGroup => factory.GetGrain<IActivityGroupGrain>(code),
        UnitKind.LiaisonOffice => factory.GetGrain<ILiaisonOfficeGrain>(code),
        _ => factory.GetGrain<ICommitteeGrain>(code),
    };
}
