using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// A committee's inbox is folded from the ledger when it activates and then every InboxHealInterval
/// (5 minutes). When that read fails (a cold start on a year of history keeps the database busy past a
/// query's timeout), the next heal tries again instead of leaving the inbox short for 5 minutes.
/// </summary>
/// (Its own cluster, so that the committee is not already active and folded.)
public sealed class InboxHealRetryTests(InboxHealRetryTests.Fixture fixture) : IClassFixture<InboxHealRetryTests.Fixture>
{
    public sealed class Fixture : ClusterFixture
    {
        public FlakyLedger Flaky { get; }

        public Fixture() => Flaky = new FlakyLedger(Ledger);

        protected override ILedger SiloLedger => Flaky;
    }

    [Fact]
    public async Task A_failed_inbox_fold_is_tried_again_at_the_next_heal()
    {
        var network = fixture.Catalog.Network;
        var member = network.Units.First(u => u.Kind == UnitKind.Member);

        // A submission in the ledger whose inbox notice never went out: only the fold can bring it in.
        var id = "R" + Guid.NewGuid().ToString("N")[..20];
        var state = new InfoReportState(id);
        var now = LedgerClock.Now(TimeProvider.System);
        var decision = InfoReportRules.Submit(state, network, new SubmitInfoReport(member.Code, [], "关于乡村公路养护的建议", "建议内容"), now);
        var e = decision.Event!;
        var committee = decision.Subject!;
        fixture.Flaky.FailStreamsForSubject = subject => subject == committee;
        var appended = await fixture.Ledger.AppendAsync(new LedgerEntry(
            state.Stream, 1, e.Kind, InfoReportJson.Serialize(e), $"inbox-retry-{id}", "hash", member.Code, "member", null, null,
            now, committee, decision.Deltas));
        Assert.Equal(AppendStatus.Appended, appended.Status);

        // Activation heals, and the fold fails.
        var grain = fixture.Grains.GetGrain<ICommitteeGrain>(committee);
        await grain.Heal();
        Assert.DoesNotContain(await grain.GetInbox(null, 100), i => i.ReportId == id);

        // The database answers again: the next heal folds the inbox, well inside InboxHealInterval.
        fixture.Flaky.FailStreamsForSubject = _ => false;
        await grain.Heal();

        var item = Assert.Single(await grain.GetInbox(null, 100), i => i.ReportId == id);
        Assert.Equal(member.Code, item.Lead);
        Assert.Equal(committee, item.Committee);
    }
}
