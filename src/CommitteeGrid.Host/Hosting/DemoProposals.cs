using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Host.Hosting;

/// <summary>
/// Proposals and duty records for the embedded demo, beside DemoActivity's reports: each county's members
/// draft and co-sign, the office registers most (merging some, turning some down), marks a few key and
/// assigns them, units answer about half, proposers rate; the county records its plenary and members
/// report duties that their groups confirm. Sized like DOMAIN.md's district (367 proposals, 148 registered
/// after merging, scaled to the county's members) and sent through the same grains and ledger as any
/// command. Deterministic: the same network gives the same activity.
/// </summary>
internal sealed class DemoProposals(IGrainFactory grains, ProposalCatalog catalog, IHostApplicationLifetime lifetime, ILogger<DemoProposals> logger) : BackgroundService
{
    private static readonly Actor Demo = new("demo", "staff", null, null);

    private static readonly string[] Topics =
    [
        "加快农村供水管网改造", "完善城区停车设施", "推进老旧小区改造", "加强中小学心理健康教育",
        "发展县域冷链物流", "提升乡镇卫生院服务能力", "支持特色农产品品牌建设", "规范校外培训机构",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var network = catalog.Network;
        var rng = new Random(2027);
        var sent = 0;
        foreach (var county in network.Units.Where(u => u.IsCommittee && u.Level == CommitteeLevel.County).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var members = network.Subtree(county).Where(u => u.Kind == UnitKind.Member && u.CommitteeCode == county.Code).ToList();
            sent += await Proposals(county, members, rng);
            sent += await Duties(county, members, rng);
        }

        logger.LogInformation("Demo proposals and duty records: {Commands} commands recorded", sent);
    }

    private async Task<int> Proposals(NetworkUnit county, List<NetworkUnit> members, Random rng)
    {
        var units = catalog.HandlingUnits.Of(county.Code);
        var registered = new List<string>();
        var sent = 0;
        for (var i = 0; i < members.Count * 2 / 5; i++)
        {
            var lead = members[rng.Next(members.Count)];
            var id = Id('P', $"demo-proposal/{county.Code}/{i}");
            var proposal = grains.GetGrain<IProposalGrain>(id);
            var topic = Topics[rng.Next(Topics.Length)];
            sent += await Send(() => proposal.Draft(Meta(id, "draft"), new DraftProposal(lead.Code, $"关于{topic}的提案", $"{topic}的现状、问题与建议。")));
            var cosigners = rng.NextDouble() < 0.4
                ? members.Where(m => m.Code != lead.Code).OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).ToList()
                : [];
            if (cosigners.Count > 0)
            {
                sent += await Send(() => proposal.Invite(Meta(id, "invite"), new InviteCosigners(lead.Code, [.. cosigners.Select(c => c.Code)], DateTimeOffset.UtcNow.AddDays(7))));
                foreach (var c in cosigners)
                {
                    sent += await Send(() => proposal.Sign(Meta(id, "sign-" + c.Code), new SignProposal(c.Code, true)));
                }
            }

            sent += await Send(() => proposal.Submit(Meta(id, "submit"), new SubmitProposal(lead.Code)));
            var roll = rng.NextDouble();
            if (roll < 0.1)
            {
                continue;
            }

            if (roll < 0.25 && registered.Count > 0)
            {
                sent += await Send(() => proposal.Review(Meta(id, "merge"), new ReviewProposal(county.Code, ReviewAction.Merge, Into: registered[rng.Next(registered.Count)])));
                continue;
            }

            if (roll < 0.35)
            {
                sent += await Send(() => proposal.Review(Meta(id, "not"), new ReviewProposal(county.Code, ReviewAction.NotRegister, "建议以社情民意信息报送", ToReport: rng.NextDouble() < 0.5)));
                continue;
            }

            sent += await Send(() => proposal.Review(Meta(id, "register"), new ReviewProposal(county.Code, ReviewAction.Register)));
            registered.Add(id);
            if (rng.NextDouble() < 0.12)
            {
                sent += await Send(() => proposal.Review(Meta(id, "key"), new ReviewProposal(county.Code, ReviewAction.Key, LeadingLeader: "主席")));
            }

            if (units.Count == 0 || rng.NextDouble() < 0.15)
            {
                continue;
            }

            var leadUnit = units[rng.Next(units.Count)].Code;
            sent += await Send(() => proposal.Assign(Meta(id, "assign"), new AssignProposal(county.Code, leadUnit, [], null)));
            if (rng.NextDouble() < 0.5)
            {
                var answerClass = rng.NextDouble() switch { < 0.5 => AnswerClass.A, < 0.8 => AnswerClass.B, _ => AnswerClass.C };
                sent += await Send(() => proposal.Answer(Meta(id, "answer"), new AnswerProposal(leadUnit, answerClass, "答复意见：已研究办理。")));
                foreach (var proposer in cosigners.Prepend(lead).Where(_ => rng.NextDouble() < 0.7))
                {
                    var rating = rng.NextDouble() < 0.8 ? Satisfaction.Satisfied : Satisfaction.Basically;
                    sent += await Send(() => proposal.Rate(Meta(id, "rate-" + proposer.Code), new RateProposal(proposer.Code, rating)));
                }

                if (rng.NextDouble() < 0.08)
                {
                    sent += await Send(() => proposal.Review(Meta(id, "excellent"), new ReviewProposal(county.Code, ReviewAction.Excellent)));
                }
            }
        }

        return sent;
    }

    private async Task<int> Duties(NetworkUnit county, List<NetworkUnit> members, Random rng)
    {
        var today = CivilTime.DateOf(DateTimeOffset.UtcNow);
        var sent = 0;
        var present = members.Where(_ => rng.NextDouble() < 0.9).Select(m => m.Code).ToList();
        if (present.Count > 0)
        {
            var id = Id('D', $"demo-plenary/{county.Code}");
            sent += await Send(() => grains.GetGrain<IDutyRecordGrain>(id).Record(Meta(id, "record"), new RecordDuty(DutyKind.Plenary, $"{county.Name}全体会议", today, county.Code, present, null, 4)));
        }

        var kinds = new[] { DutyKind.Inspection, DutyKind.Household, DutyKind.Deed, DutyKind.ReportBack };
        for (var i = 0; i < members.Count / 2; i++)
        {
            var member = members[rng.Next(members.Count)];
            var kind = kinds[rng.Next(kinds.Length)];
            var id = Id('D', $"demo-duty/{county.Code}/{i}");
            var record = grains.GetGrain<IDutyRecordGrain>(id);
            sent += await Send(() => record.Record(Meta(id, "record"), new RecordDuty(kind, "履职事项", today.AddDays(-rng.Next(0, 60)), null, [], member.Code)));
            if (rng.NextDouble() < 0.8)
            {
                sent += await Send(() => record.Confirm(Meta(id, "confirm"), new ConfirmDuty(member.ParentCode!, true, null)));
            }
        }

        return sent;
    }

    private static string Id(char prefix, string seed) => ProposalIds.FromKey(prefix, seed);

    private static CommandMeta Meta(string id, string step) => new($"demo-{id}-{step}", Demo);

    /// <summary>A demo step that fails is logged and skipped: the demo must never take the host down.</summary>
    private async Task<int> Send(Func<Task<CommandResult>> call)
    {
        try
        {
            return (await call()).Accepted ? 1 : 0;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A demo proposal or duty step failed; the demo goes on without it");
            return 0;
        }
    }
}
