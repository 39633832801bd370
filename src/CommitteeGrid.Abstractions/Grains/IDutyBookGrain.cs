using CommitteeGrid.Abstractions.Duty;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>An activity group's book of its members' self-reported duty records, keyed by the group's code.</summary>
public interface IDutyBookGrain : IGrainWithStringKey
{
    /// <summary>Records newest first; status filters (pending, confirmed, rejected).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<DutyBookItem>> GetItems(string? status, string? member, int limit);
}
