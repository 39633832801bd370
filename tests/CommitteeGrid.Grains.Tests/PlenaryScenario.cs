using System.Collections.Concurrent;
using System.Threading.Channels;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;
using static CommitteeGrid.Grains.Tests.ProposalCommands;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// A plenary session's burst: every member of the given committees drafts a proposal, some invite
/// co-signers who sign or decline, all submit; at the same time each committee's office registers, turns
/// down (some into information reports), merges and assigns what arrives, and marks some key. The scenario
/// keeps its own account of what happened to each proposal and derives the expected counts and states
/// from that account with the rules written out here, not from the receipts' credits.
/// </summary>
public sealed class PlenaryScenario(IGrainFactory grains, CommitteeNetwork network, ProposalCatalog catalog, int seed)
{
    private readonly ConcurrentDictionary<string, Tracked> _proposals = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Tracked> Proposals => [.. _proposals.Values];

    public async Task Run(IReadOnlyList<string> committees, int memberWorkers)
    {
        var offices = committees.ToDictionary(c => c, _ => Channel.CreateUnbounded<Tracked>(), StringComparer.Ordinal);
        var officeRuns = committees.Select((c, i) => Office(c, offices[c].Reader, new Random(seed * 31 + i))).ToList();

        var members = committees
            .SelectMany(c => network.Subtree(network.Get(c)).Where(u => u.Kind == UnitKind.Member && u.CommitteeCode == c))
            .ToList();
        var queue = new ConcurrentQueue<NetworkUnit>(members);
        var memberRuns = Enumerable.Range(0, memberWorkers).Select(async w =>
        {
            var rng = new Random(seed * 1000 + w);
            while (queue.TryDequeue(out var member))
            {
                var tracked = await Propose(member, members.Where(m => m.CommitteeCode == member.CommitteeCode).ToList(), rng);
                await offices[member.CommitteeCode].Writer.WriteAsync(tracked);
            }
        }).ToList();

        await Task.WhenAll(memberRuns);
        foreach (var office in offices.Values)
        {
            office.Writer.Complete();
        }

        await Task.WhenAll(officeRuns);
    }

    /// <summary>The counts this run expects for every member, from its own account.</summary>
    public Dictionary<string, Dictionary<string, long>> ExpectedByMember()
    {
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        void Add(string member, string counter)
        {
            var c = counts.TryGetValue(member, out var held) ? held : counts[member] = new Dictionary<string, long>(StringComparer.Ordinal);
            c[counter] = c.GetValueOrDefault(counter) + 1;
        }

        foreach (var p in _proposals.Values)
        {
            Add(p.Lead, ProposalCounters.Submitted);
            p.Cosigners.ForEach(c => Add(c, ProposalCounters.Cosigned));
            var outcome = p.Outcome switch
            {
                ProposalStatus.Registered => ProposalCounters.Registered,
                ProposalStatus.NotRegistered => ProposalCounters.NotRegistered,
                ProposalStatus.Merged => ProposalCounters.Merged,
                _ => null,
            };
            if (outcome is not null)
            {
                Add(p.Lead, outcome);
                p.Cosigners.ForEach(c => Add(c, ProposalCounters.ForCosigner(outcome)));
            }

            if (p.ReportId is not null)
            {
                Add(p.Lead, Counters.ReportSubmitted);
            }

            if (p.Key)
            {
                // Everyone behind it, once each: its own proposers, then those of the proposals merged into it.
                var behind = new List<string> { p.Lead };
                foreach (var m in p.Cosigners.Concat(p.Absorbed.SelectMany(a => a.Cosigners.Prepend(a.Lead))))
                {
                    if (!behind.Contains(m))
                    {
                        behind.Add(m);
                    }
                }

                Add(behind[0], ProposalCounters.Key);
                behind.Skip(1).ToList().ForEach(m => Add(m, ProposalCounters.ForCosigner(ProposalCounters.Key)));
            }
        }

        return counts;
    }

    /// <summary>The counts expected for a unit: its members' summed.</summary>
    public Dictionary<string, long> ExpectedFor(NetworkUnit unit, Dictionary<string, Dictionary<string, long>> byMember)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (member, counts) in byMember)
        {
            if (CommitteeNetwork.IsWithin(network.Get(member), unit))
            {
                foreach (var (counter, value) in counts)
                {
                    sum[counter] = sum.GetValueOrDefault(counter) + value;
                }
            }
        }

        return sum;
    }

    private async Task<Tracked> Propose(NetworkUnit lead, List<NetworkUnit> colleagues, Random rng)
    {
        var id = ProposalIds.FromKey('P', $"plenary-{seed}-{lead.Code}");
        var grain = grains.GetGrain<IProposalGrain>(id);
        var tracked = new Tracked(id, lead.Code, lead.CommitteeCode);
        await Must(grain, lead.Code, (g, m) => g.Draft(m, new DraftProposal(lead.Code, $"关于{lead.Name}所提民生问题的提案", "情况、分析与建议。")));
        if (rng.NextDouble() < 0.35)
        {
            var invited = colleagues.Where(c => c.Code != lead.Code).OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).Select(c => c.Code).ToList();
            await Must(grain, lead.Code, (g, m) => g.Invite(m, new InviteCosigners(lead.Code, invited, DateTimeOffset.UtcNow.AddDays(2))));
            var answers = invited.Select(c => (Member: c, Accept: rng.NextDouble() < 0.8)).ToList();
            await Task.WhenAll(answers.Select(a => Must(grain, a.Member, (g, m) => g.Sign(m, new SignProposal(a.Member, a.Accept)))));
            tracked.Cosigners.AddRange(answers.Where(a => a.Accept).Select(a => a.Member));
        }

        var submitted = await Must(grain, lead.Code, (g, m) => g.Submit(m, new SubmitProposal(lead.Code)));
        tracked.SubmittedAt = submitted.OccurredAt;
        _proposals[id] = tracked;
        return tracked;
    }

    private async Task Office(string committee, ChannelReader<Tracked> arriving, Random rng)
    {
        var staff = $"staff-{committee}";
        var units = catalog.HandlingUnits.Of(committee);
        var registered = new List<Tracked>();
        await foreach (var p in arriving.ReadAllAsync())
        {
            var grain = grains.GetGrain<IProposalGrain>(p.Id);
            var roll = rng.NextDouble();
            if (roll < 0.1)
            {
                continue;
            }

            if (roll < 0.2 && registered.Count > 0)
            {
                var into = registered[rng.Next(registered.Count)];
                await Must(grain, staff, (g, m) => g.Review(m, new ReviewProposal(committee, ReviewAction.Merge, Into: into.Id)), "staff");
                p.Outcome = ProposalStatus.Merged;
                lock (into)
                {
                    into.Absorbed.Add(p);
                }

                continue;
            }

            if (roll < 0.3)
            {
                var toReport = rng.NextDouble() < 0.5;
                await Must(grain, staff, (g, m) => g.Review(m, new ReviewProposal(committee, ReviewAction.NotRegister, Reason: "建议转为社情民意信息", ToReport: toReport)), "staff");
                p.Outcome = ProposalStatus.NotRegistered;
                p.ReportId = toReport ? ProposalIds.ReportFor(p.Id) : null;
                continue;
            }

            await Must(grain, staff, (g, m) => g.Review(m, new ReviewProposal(committee, ReviewAction.Register)), "staff");
            p.Outcome = ProposalStatus.Registered;
            registered.Add(p);
            if (rng.NextDouble() < 0.2)
            {
                await Must(grain, staff, (g, m) => g.Review(m, new ReviewProposal(committee, ReviewAction.Key, LeadingLeader: "主席")), "staff");
                p.Key = true;
            }

            if (rng.NextDouble() < 0.8)
            {
                var lead = units[rng.Next(units.Count)].Code;
                var co = units.Where(u => u.Code != lead).OrderBy(_ => rng.Next()).Take(rng.Next(0, 3)).Select(u => u.Code).ToList();
                await Must(grain, staff, (g, m) => g.Assign(m, new AssignProposal(committee, lead, co, null)), "staff");
                p.Assigned = true;
            }
        }
    }

    /// <summary>What this run knows of one proposal.</summary>
    public sealed class Tracked(string id, string lead, string committee)
    {
        public string Id { get; } = id;

        public string Lead { get; } = lead;

        public string Committee { get; } = committee;

        public List<string> Cosigners { get; } = [];

        public DateTimeOffset SubmittedAt { get; set; }

        /// <summary>registered, not_registered, merged, or null while the office has not decided.</summary>
        public string? Outcome { get; set; }

        public bool Key { get; set; }

        public bool Assigned { get; set; }

        public string? ReportId { get; set; }

        public List<Tracked> Absorbed { get; } = [];

        public string ExpectedStatus => Outcome switch
        {
            ProposalStatus.Registered when Assigned => ProposalStatus.Assigned,
            null => ProposalStatus.Submitted,
            var outcome => outcome,
        };
    }
}
