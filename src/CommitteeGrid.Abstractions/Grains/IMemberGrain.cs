namespace CommitteeGrid.Abstractions.Grains;

/// <summary>政协委员: rolls up the contributions of the submissions credited to the member.</summary>
public interface IMemberGrain : IRollupUnitGrain;
