using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Units;

[ImplicitStreamSubscription(StreamNames.GroupTallies)]
public sealed class ActivityGroupGrain(
    [PersistentState("rollup", "rollups")] IPersistentState<RollupSnapshot> store,
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<ActivityGroupGrain> logger)
    : RollupUnitGrain(catalog, options, clock, logger, store), IActivityGroupGrain
{
    protected override string TallyNamespace => StreamNames.GroupTallies;

    protected override async Task<IEnumerable<TallySnapshot>> PullChildren() => await PullChildUnits();
}
