using System.Text.Json.Nodes;
using CommitteeGrid.Browser.Tests.Infrastructure;

namespace CommitteeGrid.Browser.Tests;

/// <summary>GET /api/members/{code}/reports: the reports a member leads in a year and how each stands.</summary>
[Collection(PagesCollection.Name)]
public sealed class MemberRecordTests(PagesFixture host)
{
    [Fact]
    public async Task Record_lists_the_members_reports_with_their_levels()
    {
        var member = await host.Api.MemberOf("420506-G05");
        var adopted = await host.Api.Submit(member, "关于鸦鹊岭镇农田水利的建议", "灌溉渠道失修。");
        await host.Api.Act(adopted, "420506", "adopt");
        await host.Api.Act(adopted, "420506", "forward");
        var pending = await host.Api.Submit(member, "关于鸦鹊岭镇集市管理的建议", "占道经营。");

        var record = await host.Api.Get($"api/members/{member}/reports");
        Assert.Equal(member, record["member"]!["code"]!.GetValue<string>());
        var reports = record["reports"]!.AsArray();
        Assert.Equal(2, reports.Count);
        Assert.Equal(pending, reports[0]!["id"]!.GetValue<string>());

        var first = reports.Single(r => r!["id"]!.GetValue<string>() == adopted)!;
        Assert.Equal("关于鸦鹊岭镇农田水利的建议", first["title"]!.GetValue<string>());
        Assert.Equal("宜昌市政协", first["currentCommitteeName"]!.GetValue<string>());
        var levels = first["levels"]!.AsArray();
        Assert.Equal(["county:forwarded", "city:pending"], levels.Select(l => $"{l!["level"]}:{l["status"]}"));
        Assert.True(levels[0]!["adopted"]!.GetValue<bool>());

        var limited = await host.Api.Get($"api/members/{member}/reports?limit=1");
        Assert.Single(limited["reports"]!.AsArray());
        var otherYear = await host.Api.Get($"api/members/{member}/reports?year=2001");
        Assert.Empty(otherYear["reports"]!.AsArray());
    }

    [Theory]
    [InlineData("api/members/420506/reports", 400, "is a committee, not a member")]
    [InlineData("api/members/420506-M9999/reports", 404, "is not in the network")]
    [InlineData("api/members/bad%20code/reports", 400, "is not a unit code")]
    [InlineData("api/members/420506-G05/reports", 400, "is an activity group, not a member")]
    [InlineData("api/members/420607-M0001/reports?year=20x6", 400, "is not a year")]
    [InlineData("api/members/420607-M0001/reports?limit=0", 400, "limit must be a whole number between 1 and 1000")]
    public async Task Bad_requests_get_problem_details(string path, int status, string detail)
    {
        using var response = await host.Http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(detail, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
    }
}
