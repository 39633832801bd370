using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class IdempotencyTests(ClusterFixture fixture)
{
    private static readonly Actor Staff = new("idem-test", "staff", null, null);

    private string AnyMember(int skip) => fixture.Catalog.Network.Units.Where(u => u.Kind == UnitKind.Member).Skip(skip).First().Code;

    [Fact]
    public async Task The_same_command_sent_many_times_at_once_is_recorded_and_counted_once()
    {
        var member = AnyMember(101);
        var report = fixture.Grains.GetGrain<IInfoReportGrain>("R" + Guid.NewGuid().ToString("N")[..20]);
        var submit = new SubmitInfoReport(member, [], "同一请求重复发送", "正文");
        var meta = new CommandMeta("same-key-submit", Staff);
        var before = await fixture.Ledger.CountAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => report.Submit(meta, submit)));

        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.Single(results.Select(r => r.Receipt).Distinct());
        Assert.Equal(49, results.Count(r => r.Replayed));
        Assert.Equal(before + 1, await fixture.Ledger.CountAsync());

        var committee = fixture.Catalog.Network.Get(member).CommitteeCode;
        var adopt = new ActOnInfoReport(committee, ReportAction.Adopt, null, null, null, null);
        var adoptMeta = new CommandMeta("same-key-adopt", Staff);
        var adopted = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => report.Act(adoptMeta, adopt)));
        Assert.All(adopted, r => Assert.Equal(2, r.Receipt!.Version));
        Assert.Equal(before + 2, await fixture.Ledger.CountAsync());

        var year = CivilTime.YearOf(DateTimeOffset.UtcNow);
        var credit = await fixture.Ledger.ReadMemberContributionsAsync(member);
        var counts = credit.Single(c => c.ChildKey.EndsWith(report.GetPrimaryKeyString(), StringComparison.Ordinal)).Counts;
        Assert.Equal(1, counts[new TallyKey(year, Counters.ReportSubmitted)]);
        Assert.Equal(1, counts[new TallyKey(year, Counters.ReportAdopted(CommitteeLevel.County))]);
    }

    [Fact]
    public async Task A_key_reused_for_a_different_request_is_refused_and_changes_nothing()
    {
        var member = AnyMember(202);
        var report = fixture.Grains.GetGrain<IInfoReportGrain>("R" + Guid.NewGuid().ToString("N")[..20]);
        var meta = new CommandMeta("reused-key", Staff);
        Assert.True((await report.Submit(meta, new SubmitInfoReport(member, [], "第一份", "正文"))).Accepted);
        var before = await fixture.Ledger.CountAsync();

        var sameKeyOtherBody = await report.Submit(meta, new SubmitInfoReport(member, [], "第二份", "正文"));
        var committee = fixture.Catalog.Network.Get(member).CommitteeCode;
        var sameKeyOtherCommand = await report.Act(meta, new ActOnInfoReport(committee, ReportAction.Adopt, null, null, null, null));
        var other = fixture.Grains.GetGrain<IInfoReportGrain>("R" + Guid.NewGuid().ToString("N")[..20]);
        var sameKeyOtherReport = await other.Submit(meta, new SubmitInfoReport(member, [], "第一份", "正文"));

        Assert.Equal(RejectionKind.KeyReused, sameKeyOtherBody.Rejection?.Kind);
        Assert.Equal(RejectionKind.KeyReused, sameKeyOtherCommand.Rejection?.Kind);
        Assert.Equal(RejectionKind.KeyReused, sameKeyOtherReport.Rejection?.Kind);
        Assert.Equal(before, await fixture.Ledger.CountAsync());
        Assert.Null(await other.GetView());
        Assert.Equal("第一份", (await report.GetView())!.Title);
    }

    [Fact]
    public async Task Keys_are_scoped_to_their_sender()
    {
        var member = AnyMember(303);
        var a = fixture.Grains.GetGrain<IInfoReportGrain>("R" + Guid.NewGuid().ToString("N")[..20]);
        var b = fixture.Grains.GetGrain<IInfoReportGrain>("R" + Guid.NewGuid().ToString("N")[..20]);

        var first = await a.Submit(new CommandMeta("shared-key", new Actor("user-a", "member", null, null)), new SubmitInfoReport(member, [], "甲", "正文"));
        var second = await b.Submit(new CommandMeta("shared-key", new Actor("user-b", "member", null, null)), new SubmitInfoReport(member, [], "乙", "正文"));

        Assert.True(first.Accepted);
        Assert.True(second.Accepted);
        Assert.False(second.Replayed);
    }
}
