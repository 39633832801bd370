using System.Collections.Concurrent;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Scoring;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// Which rules an assessing committee applies in a year: its own, else the nearest higher committee's,
/// else the network-wide default. Recorded versions are parsed once and kept (a version never changes).
/// </summary>
public sealed class RulesResolver(IGrainFactory grains, NetworkCatalog catalog, ScoringSeedCatalog seeds)
{
    private readonly ConcurrentDictionary<(string Committee, int Year, int Version), ScoringRules> _parsed = new();

    public async Task<RulesInUse> Resolve(NetworkUnit assessor, int year)
    {
        foreach (var committee in catalog.Network.SelfAndAncestors(assessor).Where(u => u.IsCommittee))
        {
            if (await Grain(committee.Code, year).GetCurrent() is { } recorded)
            {
                return new RulesInUse(Parse(recorded), recorded);
            }
        }

        return new RulesInUse(seeds.Default with { Year = year }, null);
    }

    public IScoringRulesGrain Grain(string committee, int year) =>
        grains.GetGrain<IScoringRulesGrain>(IScoringRulesGrain.KeyOf(committee, year));

    public ScoringRules Parse(RecordedRules recorded) =>
        _parsed.GetOrAdd((recorded.Committee, recorded.Year, recorded.Version), _ => ScoringRulesJson.ReadRecorded(recorded.Json, recorded.Committee, recorded.Year, recorded.Version));
}

/// <summary>The rules applied, and the ledger record they come from (null for the network-wide default).</summary>
public sealed record RulesInUse(ScoringRules Rules, RecordedRules? Record)
{
    /// <summary>What a response says about the rules used.</summary>
    public object Summary => new
    {
        Rules.Committee,
        Rules.Year,
        Version = Record?.Version ?? 1,
        Rules.Name,
        IsDefault = Rules.IsDefault,
    };
}
