using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Grains.Views;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Grains.Proposals;

/// <summary>
/// A committee's proposal register (提案登记), keyed by the committee. Kept from the proposals' notices and
/// healed from the ledger's list of proposals submitted to this committee, each pulled from its grain
/// when the register is behind.
/// </summary>
[ImplicitStreamSubscription(StreamNames.ProposalRegister)]
public sealed class ProposalOfficeGrain(ILedger ledger, TimeProvider clock, IOptions<RollupOptions> options, ILogger<ProposalOfficeGrain> logger)
    : ListViewGrain<ProposalSummary>(options, logger), IProposalOfficeGrain
{
    protected override string Namespace => StreamNames.ProposalRegister;

    public async Task<IReadOnlyList<ProposalSummary>> GetRegister(string? status, string? session, bool overdueOnly, int limit)
    {
        await Ready();
        var now = clock.GetUtcNow();
        IReadOnlyList<ProposalSummary> items =
        [
            .. Items.Values
                .Where(p => (status is null || p.Status == status) && (session is null || p.Session == session) && (!overdueOnly || p.IsOverdue(now)))
                .OrderBy(p => p.Session, StringComparer.Ordinal)
                .ThenBy(p => p.Number is null)
                .ThenBy(p => p.Number)
                .ThenByDescending(p => p.SubmittedAt)
                .ThenBy(p => p.ProposalId, StringComparer.Ordinal)
                .Take(limit),
        ];
        return items;
    }

    public async Task<IReadOnlyList<ProposalSummary>> GetAssignedTo(string unit)
    {
        await Ready();
        return [.. Items.Values.Where(p => p.Units.Any(u => u.Unit == unit))];
    }

    protected override string KeyOf(ProposalSummary item) => item.ProposalId;

    protected override long VersionOf(ProposalSummary item) => item.Version;

    protected override async Task<IEnumerable<ProposalSummary>> PullBehind()
    {
        var prefix = ProposalState.StreamOf("").Length;
        var known = await ledger.StreamsForSubjectAsync(ProposalState.RegisterSubject(this.GetPrimaryKeyString()));
        return await PullAll(known
            .Where(s => !Items.TryGetValue(s.Key[prefix..], out var held) || held.Version < s.Value)
            .Select(s => (Func<Task<ProposalSummary?>>)(() => GrainFactory.GetGrain<IProposalGrain>(s.Key[prefix..]).GetSummary())));
    }
}
