using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace CommitteeGrid.Grains.Units;

/// <summary>
/// A committee: the rollup of its subtree, and the review inbox of reports submitted or forwarded to
/// it. The inbox is derived like a rollup: kept from stream notices, healed from the ledger's list of
/// reports that entered this inbox, each pulled from its report grain when the inbox is behind.
/// </summary>
[ImplicitStreamSubscription(StreamNames.CommitteeTallies)]
[ImplicitStreamSubscription(StreamNames.Inbox)]
public sealed class CommitteeGrain(
    [PersistentState("rollup", "rollups")] IPersistentState<RollupSnapshot> store,
    ILedger ledger,
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<CommitteeGrain> logger)
    : RollupUnitGrain(catalog, options, clock, logger, store), ICommitteeGrain
{
    private readonly Dictionary<string, InboxItem> _inbox = new(StringComparer.Ordinal);

    protected override string TallyNamespace => StreamNames.CommitteeTallies;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        await this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboxItem>(StreamId.Create(StreamNames.Inbox, this.GetPrimaryKeyString()))
            .SubscribeAsync(OnInboxItem);
    }

    public Task<IReadOnlyList<InboxItem>> GetInbox(string? status, int limit)
    {
        IReadOnlyList<InboxItem> items =
        [
            .. _inbox.Values
                .Where(i => status is null || i.Status == status)
                .OrderByDescending(i => i.ReceivedAt)
                .ThenBy(i => i.ReportId, StringComparer.Ordinal)
                .Take(limit),
        ];
        return Task.FromResult(items);
    }

    protected override async Task<IEnumerable<TallySnapshot>> PullChildren() => await PullChildUnits();

    protected override async Task OnHealed()
    {
        var known = await ledger.StreamsForSubjectAsync(Unit.Code);
        var behind = known
            .Where(s => !_inbox.TryGetValue(ReportIdOf(s.Key), out var item) || item.Version < s.Value)
            .Select(s => GrainFactory.GetGrain<IInfoReportGrain>(ReportIdOf(s.Key)).GetInboxItem(Unit.Code));
        foreach (var item in await Task.WhenAll(behind))
        {
            if (item is not null)
            {
                Keep(item);
            }
        }
    }

    private Task OnInboxItem(InboxItem item, StreamSequenceToken? token)
    {
        Keep(item);
        return Task.CompletedTask;
    }

    private void Keep(InboxItem item)
    {
        if (!_inbox.TryGetValue(item.ReportId, out var held) || held.Version < item.Version)
        {
            _inbox[item.ReportId] = item;
        }
    }

    private static string ReportIdOf(string stream) => stream[(InfoReportState.StreamOf("").Length)..];
}
