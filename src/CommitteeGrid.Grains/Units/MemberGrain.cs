using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Units;

/// <summary>
/// A member's rollup: its children are the submissions that credit the member. Not persisted: the
/// ledger answers "what has credited this member" in one indexed query, which is also how it heals.
/// </summary>
[ImplicitStreamSubscription(StreamNames.MemberTallies)]
public sealed class MemberGrain(
    ILedger ledger,
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<MemberGrain> logger)
    : RollupUnitGrain(catalog, options, clock, logger, store: null), IMemberGrain
{
    protected override string TallyNamespace => StreamNames.MemberTallies;

    protected override async Task<IEnumerable<TallySnapshot>> PullChildren() =>
        await ledger.ReadMemberContributionsAsync(Unit.Code);
}
