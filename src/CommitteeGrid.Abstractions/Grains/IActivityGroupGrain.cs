namespace CommitteeGrid.Abstractions.Grains;

/// <summary>委员活动组: rolls up its members.</summary>
public interface IActivityGroupGrain : IRollupUnitGrain;
