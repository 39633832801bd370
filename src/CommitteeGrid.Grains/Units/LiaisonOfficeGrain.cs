using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Units;

[ImplicitStreamSubscription(StreamNames.OfficeTallies)]
public sealed class LiaisonOfficeGrain(
    [PersistentState("rollup", "rollups")] IPersistentState<RollupSnapshot> store,
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<LiaisonOfficeGrain> logger)
    : RollupUnitGrain(catalog, options, clock, logger, store), ILiaisonOfficeGrain
{
    protected override string? TallyNamespace => StreamNames.OfficeTallies;

    protected override async Task<IEnumerable<TallySnapshot>> PullChildren() => await PullChildUnits();
}
