using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// Records each shipped committee rule set as version 1 when its ledger stream is empty. Registered
/// after the silo, so it runs once the silo is up and before the host reports itself started (ready).
/// </summary>
internal sealed class ScoringSeeder(ScoringSeedCatalog seeds, NetworkCatalog catalog, IGrainFactory grains, ILogger<ScoringSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var rules in seeds.CommitteeRules)
        {
            if (catalog.Network.Find(rules.Committee) is not { IsCommittee: true })
            {
                logger.LogInformation("Scoring rules for {Committee} ({Year}) not recorded: no such committee in this network", rules.Committee, rules.Year);
                continue;
            }

            var recorded = await grains.GetGrain<IScoringRulesGrain>(IScoringRulesGrain.KeyOf(rules.Committee!, rules.Year)).Seed(ScoringRulesJson.Write(rules));
            logger.LogDebug("Scoring rules of {Committee} for {Year}: version 1 recorded at {At}", rules.Committee, rules.Year, recorded.RecordedAt);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
