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
/// reports that entered this inbox, each folded from its ledger stream when the inbox is behind.
/// </summary>
[ImplicitStreamSubscription(StreamNames.CommitteeTallies)]
[ImplicitStreamSubscription(StreamNames.Inbox)]
public sealed class CommitteeGrain(
    [PersistentState("rollup", "rollups")] IPersistentState<RollupSnapshot> store,
    ILedger ledger,
    HealGate gate,
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger<CommitteeGrain> logger)
    : RollupUnitGrain(catalog, options, clock, logger, store), ICommitteeGrain
{
    // Streams read from the ledger at once when the inbox heals: one batched query's worth.
    private const int InboxHealChunk = 500;

    private readonly Dictionary<string, InboxItem> _inbox = new(StringComparer.Ordinal);
    private DateTimeOffset? _inboxHealedAt;

    protected override string? TallyNamespace => StreamNames.CommitteeTallies;

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

    protected override async Task<bool> OnHealed()
    {
        var now = Clock.GetUtcNow();
        if (_inboxHealedAt is { } last && now - last < Options.InboxHealInterval)
        {
            return false;
        }

        _inboxHealedAt = now;
        try
        {
            await FoldInbox();
            return false;
        }
        catch (Exception ex)
        {
            // A cold start on a year of history can keep the database busy past a query's timeout: try
            // again at the next heal, not only after InboxHealInterval.
            _inboxHealedAt = null;
            logger.LogWarning(ex, "Folding the inbox of {Unit} from the ledger failed; the next heal tries again", Unit.Code);
            return true;
        }
    }

    /// <summary>
    /// Reports the inbox has not seen enter (or change since) are folded from their ledger streams, a
    /// chunk at a time. Asking their grains instead would wake every report of the year after a restart
    /// and keep them all in memory.
    /// </summary>
    private async Task FoldInbox()
    {
        var known = await gate.Read(() => ledger.StreamsForSubjectAsync(Unit.Code));
        var behind = known
            .Where(s => !_inbox.TryGetValue(ReportIdOf(s.Key), out var item) || item.Version < s.Value)
            .Select(s => s.Key)
            .ToList();
        foreach (var chunk in behind.Chunk(InboxHealChunk))
        {
            var streams = await gate.Read(() => Task.WhenAll(chunk.Select(s => ledger.ReadStreamAsync(s, 0))));
            for (var i = 0; i < chunk.Length; i++)
            {
                var report = new InfoReportState(ReportIdOf(chunk[i]));
                foreach (var entry in streams[i])
                {
                    report.Replay(entry);
                }

                if (report.ToInboxItem(Unit.Code) is { } item)
                {
                    Keep(item);
                }
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
            _inbox[item.ReportId] = Compact(item);
        }
    }

    /// <summary>
    /// The item with its codes and status pointing at strings held once (the network's, the literals'):
    /// a busy committee keeps tens of thousands of items, each arriving with its own copies.
    /// </summary>
    private InboxItem Compact(InboxItem item) => item with
    {
        Committee = Unit.Code,
        FromCommittee = Catalog.Network.Find(item.FromCommittee)?.Code ?? item.FromCommittee,
        Lead = Catalog.Network.Find(item.Lead)?.Code ?? item.Lead,
        Status = string.IsInterned(item.Status) ?? item.Status,
    };

    private static string ReportIdOf(string stream) => stream[(InfoReportState.StreamOf("").Length)..];
}
