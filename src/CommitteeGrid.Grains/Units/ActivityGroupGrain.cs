using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Duty;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Units;

/// <summary>
/// 委员活动组: rolls up its members. It heals from the ledger (one query over its path gives every
/// member's tally as the member's grain would publish it), so healing does not ask members' grains;
/// it only tells a member it finds behind to re-read, by one-way call.
/// That same query rebuilds it on activation, so it keeps no snapshot: with thousands of busy groups
/// at a plenary peak, their snapshot writes outnumbered the commands themselves.
/// </summary>
[ImplicitStreamSubscription(StreamNames.GroupTallies)]
public sealed class ActivityGroupGrain(
    ILedger ledger,
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<ActivityGroupGrain> logger)
    : RollupUnitGrain(catalog, options, clock, logger, store: null), IActivityGroupGrain
{
    protected override string? TallyNamespace => StreamNames.GroupTallies;

    protected override bool ReadersWaitForFirstHeal => true;

    /// <summary>From the members' tallies this group holds; a member with nothing counted has all six missing.</summary>
    public Task<IReadOnlyList<SixOnesProgress>> GetSixOnes(int year)
    {
        var none = new Dictionary<TallyKey, long>();
        IReadOnlyList<SixOnesProgress> members =
        [
            .. Catalog.Network.Children(Unit).Select(m => SixOnes.Of(
                m.Code, year, RollupState.CountersOf(Rollup.Children.TryGetValue(m.Code, out var held) ? held.Counts : none, year))),
        ];
        return Task.FromResult(members);
    }

    protected override async Task<IEnumerable<TallySnapshot>> PullChildren()
    {
        if (Healed)
        {
            // A periodic heal mostly finds nothing missing. Ask for the members' versions first: with a
            // year of history, reading every counter of every member each time cost the database more
            // than the commands did.
            var versions = await ledger.ReadMemberVersionsAsync(Unit.Path);
            if (versions.All(v => v.Value <= HeldVersion(v.Key)))
            {
                return [];
            }
        }

        var members = await ledger.ReadMemberTalliesAsync(Unit.Path);
        foreach (var member in members.Where(m => m.Version > HeldVersion(m.ChildKey)))
        {
            // The member's own rollup may have missed what the ledger has (a lost message): let it catch up
            // too. Also on this group's first heal after activation, when it held nothing: the group learns
            // a newer version from the ledger only here, so skipping a member now would leave a member grain
            // that lost its message stale for as long as it stays active.
            GrainFactory.GetGrain<IMemberGrain>(member.ChildKey).Recheck().Ignore();
        }

        return members;
    }
}
