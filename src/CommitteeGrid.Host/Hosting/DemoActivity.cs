using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Host.Hosting;

/// <summary>
/// A year's worth of information reports for the embedded demo, so its pages and tallies are not all
/// zero. Sized like DOMAIN.md's district (183 reports edited, about a quarter adopted or forwarded up,
/// a few reaching the national committee, some leader instructions) and sent through the same grains,
/// rules and ledger as any command. Deterministic: the same network gives the same activity.
/// </summary>
internal sealed class DemoActivity(IGrainFactory grains, NetworkCatalog catalog, IHostApplicationLifetime lifetime, ILogger<DemoActivity> logger) : BackgroundService
{
    private static readonly Actor Demo = new("demo", "staff", null, null);

    private static readonly string[] Topics =
    [
        "农村道路养护资金不足", "乡镇卫生院人才流失", "老旧小区加装电梯推进缓慢", "中小学课后服务经费保障",
        "农产品冷链物流短板", "养老服务机构运营困难", "河道垃圾清理长效机制", "小微企业融资难",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var network = catalog.Network;
        var rng = new Random(2026);
        var today = CivilTime.DateOf(DateTimeOffset.UtcNow);
        var sent = 0;
        foreach (var county in network.Units.Where(u => u.IsCommittee && u.Level == CommitteeLevel.County).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            var members = network.Subtree(county).Where(u => u.Kind == UnitKind.Member).ToList();
            var reports = Math.Min(183, members.Count * 3 / 5);
            for (var i = 0; i < reports && !stoppingToken.IsCancellationRequested; i++)
            {
                var lead = members[rng.Next(members.Count)];
                var report = grains.GetGrain<IInfoReportGrain>(ReportId(county, i));
                var topic = Topics[rng.Next(Topics.Length)];
                sent += await Send(report, r => r.Submit(Meta(county, i, "s"), new SubmitInfoReport(lead.Code, [], $"关于{topic}的建议", $"{topic}的情况、原因与建议。")));
                var at = county;
                for (var step = 0; at is not null && rng.NextDouble() < (step == 0 ? 0.6 : 0.35); step++)
                {
                    var here = at;
                    sent += await Send(report, r => r.Act(Meta(county, i, "a" + step), new ActOnInfoReport(here.Code, ReportAction.Adopt, null, null, null, null)));
                    if (rng.NextDouble() < 0.12)
                    {
                        sent += await Send(report, r => r.Act(Meta(county, i, "e" + step), new ActOnInfoReport(here.Code, ReportAction.Endorse, null, "主要领导", today, "请有关部门研究办理")));
                    }

                    at = network.ParentCommittee(here);
                    if (at is not null && rng.NextDouble() < 0.45)
                    {
                        sent += await Send(report, r => r.Act(Meta(county, i, "f" + step), new ActOnInfoReport(here.Code, ReportAction.Forward, null, null, null, null)));
                    }
                    else
                    {
                        at = null;
                    }
                }
            }
        }

        logger.LogInformation("Demo activity: {Commands} commands recorded", sent);
    }

    private static string ReportId(NetworkUnit county, int report) =>
        "R" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"demo/{county.Code}/{report}")))[..20];

    private static CommandMeta Meta(NetworkUnit county, int report, string step) => new($"demo-{county.Code}-{report}-{step}", Demo);

    private static async Task<int> Send(IInfoReportGrain report, Func<IInfoReportGrain, Task<CommandResult>> call) =>
        (await call(report)).Accepted ? 1 : 0;
}
