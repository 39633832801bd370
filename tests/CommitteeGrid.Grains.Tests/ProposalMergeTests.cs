using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tallies;
using static CommitteeGrid.Grains.Tests.ProposalCommands;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// 并案 across grains: the merged proposals' proposers join the surviving one and are credited exactly as
/// the rules say, whatever the order; every rollup still equals the ledger. Also: numbers stay gap-free
/// and unique under concurrent registrations.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ProposalMergeTests(ClusterFixture fixture)
{
    private const string Committee = "420607";
    private const string A1 = "420607-M0101";
    private const string A2 = "420607-M0102";
    private const string B1 = "420607-M0103";
    private const string B2 = "420607-M0104";
    private const string C1 = "420607-M0105";

    [Fact]
    public async Task Merged_proposers_are_credited_on_the_surviving_proposal_and_verify_finds_no_difference()
    {
        var year = CivilTime.YearOf(DateTimeOffset.UtcNow);
        var a = await Submitted(A1, [A2]);
        var b = await Submitted(B1, [B2, A2]);
        var c = await Submitted(C1, []);
        var office = "staff-420607";

        await Must(a, office, (g, m) => g.Review(m, new ReviewProposal(Committee, ReviewAction.Register)), "staff");

        // B merges before A is marked key and answered; C merges after.
        await Must(b, office, (g, m) => g.Review(m, new ReviewProposal(Committee, ReviewAction.Merge, Into: Id(a))), "staff");
        await Must(a, office, (g, m) => g.Review(m, new ReviewProposal(Committee, ReviewAction.Key, LeadingLeader: "区政协主席")), "staff");
        await Must(a, office, (g, m) => g.Assign(m, new AssignProposal(Committee, "420607-H03", ["420607-H07"], null)), "staff");
        await Must(a, "420607-H03", (g, m) => g.Answer(m, new AnswerProposal("420607-H03", AnswerClass.B, "已列入年度计划")), "unit");
        await Must(c, office, (g, m) => g.Review(m, new ReviewProposal(Committee, ReviewAction.Merge, Into: Id(a))), "staff");
        await Must(a, office, (g, m) => g.Review(m, new ReviewProposal(Committee, ReviewAction.Excellent)), "staff");
        foreach (var (member, rating) in new[] { (A1, Satisfaction.Satisfied), (A2, Satisfaction.Basically), (B1, Satisfaction.Satisfied), (B2, Satisfaction.Dissatisfied), (C1, Satisfaction.Satisfied) })
        {
            await Must(a, member, (g, m) => g.Rate(m, new RateProposal(member, rating)));
        }

        var survivor = (await a.GetView())!;
        Assert.Equal(ProposalStatus.Closed, survivor.Status);
        Assert.Equal([Id(b), Id(c)], survivor.Absorbed.Select(x => x.ProposalId));
        Assert.Equal(ProposalStatus.Merged, (await b.GetView())!.Status);
        Assert.Equal(Id(a), (await c.GetView())!.MergedInto);

        // The independent count: what each proposer must have been credited, by the rules written out.
        string Co(string counter) => ProposalCounters.ForCosigner(counter);
        var answered = ProposalCounters.Answered('b');
        var expected = new Dictionary<string, Dictionary<string, long>>
        {
            [A1] = Counts(ProposalCounters.Submitted, ProposalCounters.Registered, ProposalCounters.Key, answered, ProposalCounters.Excellent, ProposalCounters.Rated("satisfied")),
            [A2] = Counts(ProposalCounters.Cosigned, ProposalCounters.Cosigned, Co(ProposalCounters.Registered), Co(ProposalCounters.Merged), Co(ProposalCounters.Key), Co(answered), Co(ProposalCounters.Excellent), ProposalCounters.Rated("basically")),
            [B1] = Counts(ProposalCounters.Submitted, ProposalCounters.Merged, Co(ProposalCounters.Key), Co(answered), Co(ProposalCounters.Excellent), ProposalCounters.Rated("satisfied")),
            [B2] = Counts(ProposalCounters.Cosigned, Co(ProposalCounters.Merged), Co(ProposalCounters.Key), Co(answered), Co(ProposalCounters.Excellent), ProposalCounters.Rated("dissatisfied")),
            [C1] = Counts(ProposalCounters.Submitted, ProposalCounters.Merged, Co(ProposalCounters.Key), Co(answered), Co(ProposalCounters.Excellent), ProposalCounters.Rated("satisfied")),
        };

        foreach (var (member, counts) in expected)
        {
            // What the ledger holds for the member from these three proposals...
            var contributions = await fixture.Ledger.ReadMemberContributionsAsync(member);
            var fromLedger = contributions
                .Where(s => s.ChildKey is var k && (k == ProposalState.StreamOf(Id(a)) || k == ProposalState.StreamOf(Id(b)) || k == ProposalState.StreamOf(Id(c))))
                .SelectMany(s => s.Counts)
                .Where(kv => kv.Key.Year == year)
                .GroupBy(kv => kv.Key.Counter)
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            Assert.Equal(counts.OrderBy(kv => kv.Key), fromLedger.OrderBy(kv => kv.Key));

            // ...and what the member's live rollup shows (these members take part in nothing else).
            var tally = await Until(() => fixture.Grains.GetGrain<IMemberGrain>(member).GetTally(year), t => Same(t.Counters, counts));
            Assert.True(Same(tally.Counters, counts), $"{member}: live {string.Join(", ", tally.Counters)}");
        }

        await Assertions.AssertConverges(fixture, year, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Concurrent_registrations_get_gap_free_unique_numbers()
    {
        // 渠县 has no configured sessions: its session is the year, and no other test registers there.
        const string county = "511725";
        var members = fixture.Catalog.Network.Subtree(fixture.Catalog.Network.Get(county)).Where(u => u.Kind == Abstractions.Network.UnitKind.Member).Take(40).ToList();
        var proposals = await Task.WhenAll(members.Select(m => Submitted(m.Code, [])));
        var session = CivilTime.YearOf(DateTimeOffset.UtcNow).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var receipts = await Task.WhenAll(proposals.Select(p => Must(p, "staff-511725", (g, m) => g.Review(m, new ReviewProposal(county, ReviewAction.Register)), "staff")));

        var views = await Task.WhenAll(proposals.Select(p => p.GetView()));
        Assert.Equal(Enumerable.Range(1, 40), views.Select(v => v!.Number!.Value).Order());
        Assert.All(views, v => Assert.Equal($"{session}-{v!.Number:D4}", v.NumberText));
        Assert.Equal(40, await fixture.Grains.GetGrain<IProposalRegisterGrain>($"{county}/{session}").Count());
        var numbering = await fixture.Ledger.ReadStreamAsync(NumberTaken.StreamOf($"{county}/{session}"), 0);
        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), numbering.Select(e => e.Version));
        Assert.Equal(views.Select(v => v!.Id).Order(), numbering.Select(e => NumberTaken.Deserialize(e.Payload).Proposal).Order());
        Assert.All(receipts, r => Assert.Equal("proposal.registered", r.Event));

        // A second registration of the same proposal takes no number: it is refused, and a retry replays.
        var again = await Send(proposals[0], Meta("staff-511725", "staff"), (g, m) => g.Review(m, new ReviewProposal(county, ReviewAction.Register)));
        Assert.Equal(Abstractions.Commands.RejectionKind.Conflict, again.Rejection?.Kind);
        Assert.Equal(40, await fixture.Grains.GetGrain<IProposalRegisterGrain>($"{county}/{session}").Count());
    }

    private async Task<IProposalGrain> Submitted(string lead, string[] cosigners)
    {
        var proposal = fixture.Grains.GetGrain<IProposalGrain>(ProposalIds.FromKey('P', Guid.NewGuid().ToString("N")));
        await Must(proposal, lead, (g, m) => g.Draft(m, new DraftProposal(lead, "关于推进城乡供水一体化的提案", "现状、问题与建议。")));
        if (cosigners.Length > 0)
        {
            await Must(proposal, lead, (g, m) => g.Invite(m, new InviteCosigners(lead, cosigners, DateTimeOffset.UtcNow.AddDays(1))));
            foreach (var cosigner in cosigners)
            {
                await Must(proposal, cosigner, (g, m) => g.Sign(m, new SignProposal(cosigner, true)));
            }
        }

        await Must(proposal, lead, (g, m) => g.Submit(m, new SubmitProposal(lead)));
        return proposal;
    }

    private static string Id(IProposalGrain grain) => grain.GetPrimaryKeyString();

    private static Dictionary<string, long> Counts(params string[] counters) =>
        counters.GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count());

    private static bool Same(IReadOnlyDictionary<string, long> actual, IReadOnlyDictionary<string, long> expected) =>
        actual.Keys.Union(expected.Keys).All(k => actual.GetValueOrDefault(k) == expected.GetValueOrDefault(k));
    private static Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Poll.Until(probe, done, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
}
