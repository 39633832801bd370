using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Grains.Views;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Proposals;

/// <summary>
/// A handling unit (承办单位): its queue of the proposals it has had a part in. Kept from the proposals'
/// notices and healed from its committee's register, which knows every assignment.
/// </summary>
[ImplicitStreamSubscription(StreamNames.HandlingQueue)]
public sealed class HandlingUnitGrain(ProposalCatalog catalog, TimeProvider clock, IOptions<RollupOptions> options, ILogger<HandlingUnitGrain> logger)
    : ListViewGrain<ProposalSummary>(options, logger), IHandlingUnitGrain
{
    private HandlingUnitInfo _unit = null!;

    protected override string Namespace => StreamNames.HandlingQueue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var code = this.GetPrimaryKeyString();
        _unit = catalog.HandlingUnits.Find(code) ?? throw new InvalidOperationException($"'{code}' is not a handling unit.");
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<HandlingQueueItem>> GetQueue(bool all)
    {
        await Ready();
        var now = clock.GetUtcNow();
        IReadOnlyList<HandlingQueueItem> queue =
        [
            .. Items.Values
                .Select(p => (Proposal: p, Part: p.Units.Where(u => u.Unit == _unit.Code).MaxBy(u => u.Round)!))
                .Where(x => all || (x.Part.Active && x.Part.AnsweredAt is null))
                .Select(x => new HandlingQueueItem(
                    x.Proposal.ProposalId, x.Proposal.Committee, x.Proposal.NumberText, x.Proposal.Title, x.Proposal.Status,
                    x.Proposal.Key, x.Part, x.Part.IsOverdue(now), x.Proposal.Version))
                .OrderByDescending(i => i.Overdue)
                .ThenBy(i => i.Assignment.DueAt)
                .ThenBy(i => i.ProposalId, StringComparer.Ordinal),
        ];
        return queue;
    }

    protected override bool Belongs(ProposalSummary item) => item.Units.Any(u => u.Unit == _unit.Code);

    protected override string KeyOf(ProposalSummary item) => item.ProposalId;

    protected override long VersionOf(ProposalSummary item) => item.Version;

    protected override async Task<IEnumerable<ProposalSummary>> PullBehind() =>
        await GrainFactory.GetGrain<IProposalOfficeGrain>(_unit.Committee).GetAssignedTo(_unit.Code);
}
