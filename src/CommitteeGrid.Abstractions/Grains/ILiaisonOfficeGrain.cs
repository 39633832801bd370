namespace CommitteeGrid.Abstractions.Grains;

/// <summary>镇街联络处 / 片区政协联络工委: rolls up its activity groups.</summary>
public interface ILiaisonOfficeGrain : IRollupUnitGrain;
