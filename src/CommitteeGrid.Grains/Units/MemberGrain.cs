using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Units;

/// <summary>
/// A member's rollup: its children are the submissions that credit the member. Not persisted: the
/// ledger answers "what has credited this member" in one indexed query, which is how it heals when it
/// activates. There is no periodic heal: the member's group heals from the ledger on its timer and
/// wakes a member it finds behind, so the many member grains cost no queries while they are right.
/// Credits arrive by one-way call, not on a stream: a member has a stream of its own only for this,
/// and every memory-stream queue's reader walks all the streams it holds on each read, so tens of
/// thousands of members' streams cost more than the credits they carried.
/// </summary>
public sealed class MemberGrain(
    ILedger ledger,
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<MemberGrain> logger)
    : RollupUnitGrain(catalog, options, clock, logger, store: null), IMemberGrain
{
    protected override string? TallyNamespace => null;

    public Task Credit(TallySnapshot credit) => Receive(credit);

    public Task Recheck() => Heal();

    protected override bool HealsPeriodically => false;

    protected override bool ReadersWaitForFirstHeal => true;

    protected override async Task<IEnumerable<TallySnapshot>> PullChildren() =>
        await ledger.ReadMemberContributionsAsync(Unit.Code);
}
