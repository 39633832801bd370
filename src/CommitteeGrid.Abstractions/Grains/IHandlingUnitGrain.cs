using CommitteeGrid.Abstractions.Proposals;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>A handling unit (承办单位), keyed by its code: its queue of assigned proposals.</summary>
public interface IHandlingUnitGrain : IGrainWithStringKey
{
    /// <summary>Proposals awaiting this unit's answer (all: also answered and handed back), overdue first, then by due time.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<HandlingQueueItem>> GetQueue(bool all);

    /// <summary>Pull the unit's part in every proposal from its committee's register now.</summary>
    Task Heal();
}
