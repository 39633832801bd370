using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Domain.Duty;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Grains.Views;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Duty;

/// <summary>
/// An activity group's book of its members' own duty reports, for the group leader to confirm. Kept from
/// the records' notices and healed from the ledger's list of records reported into this group.
/// </summary>
[ImplicitStreamSubscription(StreamNames.DutyBook)]
public sealed class DutyBookGrain(ILedger ledger, IOptions<RollupOptions> options, ILogger<DutyBookGrain> logger)
    : ListViewGrain<DutyBookItem>(options, logger), IDutyBookGrain
{
    protected override string Namespace => StreamNames.DutyBook;

    public async Task<IReadOnlyList<DutyBookItem>> GetItems(string? status, string? member, int limit)
    {
        await Ready();
        return
        [
            .. Items.Values
                .Where(i => (status is null || i.Status == status) && (member is null || i.Member == member))
                .OrderByDescending(i => i.RecordedAt)
                .ThenBy(i => i.RecordId, StringComparer.Ordinal)
                .Take(limit),
        ];
    }

    protected override string KeyOf(DutyBookItem item) => item.RecordId;

    protected override long VersionOf(DutyBookItem item) => item.Version;

    protected override async Task<IEnumerable<DutyBookItem>> PullBehind()
    {
        var prefix = DutyRecordState.StreamOf("").Length;
        var known = await ledger.StreamsForSubjectAsync(DutyRecordState.BookSubject(this.GetPrimaryKeyString()));
        return await PullAll(known
            .Where(s => !Items.TryGetValue(s.Key[prefix..], out var held) || held.Version < s.Value)
            .Select(s => (Func<Task<DutyBookItem?>>)(() => GrainFactory.GetGrain<IDutyRecordGrain>(s.Key[prefix..]).GetBookItem())));
    }
}
