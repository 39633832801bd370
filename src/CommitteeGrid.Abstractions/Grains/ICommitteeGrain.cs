using CommitteeGrid.Abstractions.Reports;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>A committee (national, province, city, county): a rollup and a review inbox.</summary>
public interface ICommitteeGrain : IRollupUnitGrain
{
    /// <summary>Reports that have reached this committee, newest first; status filters (pending, adopted, ...).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<InboxItem>> GetInbox(string? status, int limit);
}
