using System.Diagnostics;
using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Proposals;
using Orleans.Runtime;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// The clock's steps run without any command: on a grain timer at the exact moment while the proposal is
/// active, and through its reminder when it is not. Its own cluster, because one test deactivates every
/// idle grain.
/// </summary>
public sealed class ProposalDeadlineTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Lead = "420607-M0001";
    private static readonly Actor Member = new(Lead, "member", null, null);
    private static readonly Actor Office = new("staff-420607", "staff", "420607", null);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Signing_closes_at_its_deadline_on_the_timer_and_open_invitations_lapse()
    {
        var proposal = await Drafted();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(2);
        await Must(proposal.Invite(Meta(), new InviteCosigners(Lead, ["420607-M0002", "420607-M0003"], deadline)));
        await Must(proposal.Sign(new CommandMeta(Key(), new Actor("420607-M0002", "member", null, null)), new SignProposal("420607-M0002", true)));

        var closed = await Until(async () => (await proposal.GetView())!, v => v.Status == ProposalStatus.SigningClosed);

        var entry = closed.History.Single(h => h.Event == "proposal.signing_closed");
        Assert.Equal("system", entry.Actor);
        Assert.True(entry.At >= deadline, $"closed at {entry.At:O}, before the deadline {deadline:O}");
        Assert.Equal([("420607-M0002", "accepted"), ("420607-M0003", "lapsed")], closed.Invitations.Select(i => (i.Member, i.Answer)));
        var late = await proposal.Sign(new CommandMeta(Key(), new Actor("420607-M0003", "member", null, null)), new SignProposal("420607-M0003", true));
        Assert.Equal(RejectionKind.Conflict, late.Rejection?.Kind);

        // Submitting after the close counts the one who signed.
        await Must(proposal.Submit(Meta(), new SubmitProposal(Lead)));
        Assert.Equal(["420607-M0002"], (await proposal.GetView())!.Cosigners);
    }

    [Fact]
    public async Task A_deactivated_proposal_is_woken_by_its_reminder_when_signing_is_due_to_close()
    {
        var proposal = await Drafted();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(4);
        await Must(proposal.Invite(Meta(), new InviteCosigners(Lead, ["420607-M0004"], deadline)));
        var stream = ProposalState.StreamOf(proposal.GetPrimaryKeyString());

        // Every idle activation goes, this proposal's timer with it; only the reminder remains.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.True(DateTimeOffset.UtcNow < deadline, "the proposal must be deactivated before its deadline");

        // Watch the ledger, not the grain: reading the grain would activate it.
        var clock = Stopwatch.StartNew();
        while (!(await fixture.Ledger.ReadStreamAsync(stream, 0)).Any(e => e.Kind == "proposal.signing_closed") && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(200);
        }

        var entries = await fixture.Ledger.ReadStreamAsync(stream, 0);
        var closedEntry = entries.SingleOrDefault(e => e.Kind == "proposal.signing_closed");
        Assert.True(closedEntry is not null, $"signing did not close within {clock.Elapsed}; entries: {string.Join(", ", entries.Select(e => e.Kind))}");
        Assert.True(closedEntry!.OccurredAt >= deadline);
        Assert.Equal(["proposal.drafted", "proposal.invited", "proposal.signing_closed"], entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task An_answer_falling_overdue_is_recorded_once_for_each_unit_that_owes_it()
    {
        var proposal = await Drafted();
        await Must(proposal.Submit(Meta(), new SubmitProposal(Lead)));
        await Must(proposal.Review(OfficeMeta(), new ReviewProposal("420607", ReviewAction.Register)));
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(2);
        await Must(proposal.Assign(OfficeMeta(), new AssignProposal("420607", "420607-H01", ["420607-H02"], dueAt)));

        var overdue = await Until(async () => (await proposal.GetView())!, v => v.History.Count(h => h.Event == "proposal.overdue") == 2);

        Assert.Equal(["420607-H01", "420607-H02"], overdue.History.Where(h => h.Event == "proposal.overdue").Select(h => h.Detail!.Split(':')[0]).Order());
        Assert.DoesNotContain(overdue.History, h => h.Event == "proposal.due_soon");
        var unit = fixture.Grains.GetGrain<IHandlingUnitGrain>("420607-H01");
        var queue = await Until(() => unit.GetQueue(false), q => q.Any(i => i.ProposalId == proposal.GetPrimaryKeyString()));
        Assert.True(queue.Single(i => i.ProposalId == proposal.GetPrimaryKeyString()).Overdue);

        // Answering ends it: nothing more is recorded, and it leaves the unit's pending queue.
        await Must(proposal.Answer(new CommandMeta(Key(), new Actor("420607-H01", "unit", null, null)), new AnswerProposal("420607-H01", AnswerClass.A, "已解决")));
        var after = await Until(() => unit.GetQueue(false), q => q.All(i => i.ProposalId != proposal.GetPrimaryKeyString()));
        Assert.DoesNotContain(after, i => i.ProposalId == proposal.GetPrimaryKeyString());
        Assert.Equal(2, (await proposal.GetView())!.History.Count(h => h.Event == "proposal.overdue"));
    }

    private async Task<IProposalGrain> Drafted()
    {
        var proposal = fixture.Grains.GetGrain<IProposalGrain>(ProposalIds.FromKey('P', Key()));
        await Must(proposal.Draft(Meta(), new DraftProposal(Lead, "关于加快农村公路建设的提案", "建议……")));
        return proposal;
    }

    private static CommandMeta Meta() => new(Key(), Member);

    private static CommandMeta OfficeMeta() => new(Key(), Office);

    private static string Key() => Guid.NewGuid().ToString("N");

    private static async Task Must(Task<CommandResult> call)
    {
        var result = await call;
        Assert.True(result.Accepted, $"refused: {result.Rejection}");
    }

    private static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(clock.Elapsed < Deadline, $"not done within {Deadline}: {value}");
            await Task.Delay(100);
        }
    }
}
