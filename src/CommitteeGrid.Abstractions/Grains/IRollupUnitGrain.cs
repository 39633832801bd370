using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>A unit of the network that keeps a live rollup of the tallies below it.</summary>
public interface IRollupUnitGrain : IGrainWithStringKey
{
    /// <summary>The cumulative tally (all years) with its version, as the parent would receive it.</summary>
    [AlwaysInterleave]
    Task<TallySnapshot> GetSnapshot();

    /// <summary>This unit's counters for one year.</summary>
    [AlwaysInterleave]
    Task<UnitTally> GetTally(int year);

    /// <summary>
    /// The counters of every child this rollup holds for one year, as last received (an activity
    /// group's children are its members). A child with nothing counted may be missing.
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<UnitTally>> GetChildTallies(int year);

    /// <summary>Pull every child's current tally now (normally done on activation and on a timer).</summary>
    Task Heal();
}
