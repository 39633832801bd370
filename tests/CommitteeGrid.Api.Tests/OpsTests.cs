using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Host.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static CommitteeGrid.Api.Tests.Infrastructure.DemoHostFixture;

namespace CommitteeGrid.Api.Tests;

/// <summary>What an operator sees without extra tools: the metrics snapshot and the Orleans dashboard.</summary>
[Collection(OpsCollection.Name)]
public sealed class OpsTests(DemoHostFixture host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    // Reports are entered by the root committee's staff; the figures are read by an operator.
    private ApiClient Api => host.Api;

    private ApiClient Operator => host.Api.As(TestUser.Operator(National));

    [Fact]
    public async Task Metrics_count_accepted_commands_by_kind_and_time_the_ledger_and_the_rollups()
    {
        // Freshness is measured where a stream delivers a change to a running rollup. A rollup that
        // activates for the first change pulls it from its child instead, so the chain is woken first.
        await WakeTheChainAbove("420607-M0020");

        var before = await Metrics();
        var submittedBefore = ByKind(before, "report.submitted");
        var totalBefore = before["commands"]!["total"]!.GetValue<long>();

        var submitted = await Api.Post("api/reports", new { author = "420607-M0020", title = "关于河道垃圾清理长效机制的建议", body = "建议建立河长巡河与保洁联动机制。" });
        Assert.Equal(201, submitted.Code);
        var id = submitted.ReportId!;
        Assert.Equal(200, (await Api.Post($"api/reports/{id}/actions", new { committee = Xiangzhou, action = "adopt" })).Code);
        Assert.Equal(200, (await Api.Post($"api/reports/{id}/actions", new { committee = Xiangzhou, action = "forward" })).Code);
        // Refused (already forwarded from here): nothing is appended, so nothing is counted.
        Assert.Equal(409, (await Api.Post($"api/reports/{id}/actions", new { committee = Xiangzhou, action = "adopt" })).Code);

        // The forward reached the city's rollup by the stream: its freshness was measured on the way up.
        var after = await Eventually.Until(Metrics, m => m["freshness"]?["city"]?["count"]?.GetValue<long>() > 0, Deadline);

        Assert.Equal(totalBefore + 3, after["commands"]!["total"]!.GetValue<long>());
        Assert.Equal(submittedBefore + 1, ByKind(after, "report.submitted"));
        Assert.True(ByKind(after, "report.adopted") >= 1);
        Assert.True(ByKind(after, "report.forwarded") >= 1);
        Assert.True(after["commands"]!["perSecond"]!.GetValue<double>() > 0);

        var ledger = after["ledger"]!;
        Assert.True(ledger["append"]!["count"]!.GetValue<long>() >= 3);
        Assert.True(ledger["append"]!["p99Ms"]!.GetValue<double>() >= ledger["append"]!["p50Ms"]!.GetValue<double>());
        Assert.True(ledger["batches"]!["count"]!.GetValue<long>() >= 1);
        Assert.True(ledger["batches"]!["maxSize"]!.GetValue<double>() >= 1);
        Assert.Equal(0, ledger["retries"]!.GetValue<long>());

        // Each level the change climbed through took its own measurement, and so did their publishes.
        foreach (var level in new[] { "member", "group", "county", "city" })
        {
            var freshness = after["freshness"]![level];
            Assert.True(freshness?["count"]?.GetValue<long>() > 0, $"no freshness measured at {level}: {after["freshness"]}");
            Assert.True(freshness!["p99Ms"]!.GetValue<double>() >= 0);
        }

        Assert.True(after["rollupPublishes"]!["perSecondByLevel"]!["member"]!.GetValue<double>() > 0);

        var process = after["process"]!;
        Assert.True(process["workingSetMiB"]!.GetValue<double>() > 0);
        Assert.True(process["gcHeapMiB"]!.GetValue<double>() > 0);
        Assert.True(process["processorCount"]!.GetValue<int>() >= 1);
        Assert.InRange(process["gcPausePercent"]!.GetValue<double>(), 0, 100);

        // The host runs in this process: a blocking collection here is a pause the figures must show.
        var pausedBefore = process["gcPauseMs"]!.GetValue<double>();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var pausedAfter = (await Metrics())["process"]!["gcPauseMs"]!.GetValue<double>();
        Assert.True(pausedAfter > pausedBefore, $"GC pause total did not move after a blocking collection: {pausedBefore} → {pausedAfter} ms");

        Assert.True(after["activations"]!["InfoReportGrain"]!.GetValue<int>() >= 1, after["activations"]!.ToJsonString());
        Assert.True(after["activations"]!["CommitteeGrain"]!.GetValue<int>() >= 1);
    }

    private async Task WakeTheChainAbove(string author)
    {
        var year = China.Year;
        var before = await Submitted(Xiangyang, year);
        var warm = await Api.Post("api/reports", new { author, title = "关于老旧小区加装电梯的建议", body = "建议简化审批流程。" });
        Assert.Equal(201, warm.Code);
        var reached = await Eventually.Until(() => Submitted(Xiangyang, year), n => n > before, Deadline);
        Assert.True(reached > before, $"the submission did not reach the city's tally within {Deadline}");
    }

    private async Task<long> Submitted(string unit, int year)
    {
        var tally = await Api.Get($"api/units/{unit}/tally?year={year}");
        Assert.Equal(200, tally.Code);
        return tally.Json!["counters"]?["report.submitted"]?.GetValue<long>() ?? 0;
    }

    [Fact]
    public async Task Dashboard_is_mounted_on_the_http_port()
    {
        var page = await Operator.Get("dashboard/");
        Assert.Equal(200, page.Code);
        Assert.Equal("text/html", page.MediaType);
        Assert.Contains("<script", page.Text, StringComparison.OrdinalIgnoreCase);

        var version = await Operator.Get("dashboard/version");
        Assert.Equal(200, version.Code);
        Assert.NotNull(version.Json?["version"]);

        // The cluster's own figures through the dashboard's feed: this host is one silo, and it is up.
        var counters = await Eventually.Until(() => Operator.Get("dashboard/DashboardCounters"), r => r.Code == 200 && r.Json?["totalActiveHostCount"]?.GetValue<int>() >= 1, Deadline);
        Assert.Equal(200, counters.Code);
        Assert.Equal(1, counters.Json!["totalActiveHostCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("api/ops/metrics")]
    [InlineData("dashboard/")]
    [InlineData("dashboard/DashboardCounters")]
    public async Task Only_operators_see_the_metrics_and_the_dashboard(string path)
    {
        Assert.Equal(401, (await Api.Anonymous().Get(path)).Code);
        foreach (var user in new[] { TestUser.Staff(National), TestUser.Viewer(National), TestUser.Member("420607-M0020") })
        {
            var refused = await Api.As(user).Get(path);
            Assert.True(refused.Code == 403, $"{user.Role}: {refused}");
            Assert.Contains("operator", refused.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_operator_endpoint_names_its_operation_for_the_access_policy()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var dashboard = endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/dashboard", StringComparison.Ordinal)).ToList();
        Assert.True(dashboard.Count >= 10, $"only {dashboard.Count} dashboard endpoints");
        Assert.All(dashboard, e =>
        {
            Assert.Equal("ops.dashboard", e.Metadata.GetMetadata<AccessMetadata>()?.Operation);
            Assert.False(string.IsNullOrEmpty(e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName));
        });
        Assert.Equal(dashboard.Count, dashboard.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).Distinct().Count());

        var metrics = Assert.Single(endpoints, e => e.RoutePattern.RawText == "/api/ops/metrics");
        Assert.Equal("ops.metrics", metrics.Metadata.GetMetadata<AccessMetadata>()?.Operation);
        Assert.Equal("GetOpsMetrics", metrics.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
    }

    private async Task<JsonNode> Metrics()
    {
        var response = await Operator.Get("api/ops/metrics");
        Assert.Equal(200, response.Code);
        return response.Json!;
    }

    private static long ByKind(JsonNode metrics, string kind) => metrics["commands"]!["byKind"]![kind]?.GetValue<long>() ?? 0;
}
