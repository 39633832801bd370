using System.Text.Json.Nodes;
using CommitteeGrid.Browser.Tests.Infrastructure;

namespace CommitteeGrid.Browser.Tests;

/// <summary>
/// GET /api/units/{code}/live as a client reads it: the tally at once, then every new version, heartbeat
/// comments while nothing changes. 龙泉镇委员活动组 (420506-G04) is changed by no other test.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class LiveStreamTests(PagesFixture host)
{
    private const string Group = "420506-G04";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stream_sends_the_tally_at_once_and_then_each_new_version()
    {
        var member = await host.Api.MemberOf(Group);
        await using var stream = await EventStream.Open(host.Http, $"api/units/{Group}/live");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", stream.Response.Headers.CacheControl?.ToString());

        var first = await stream.Next(Wait);
        Assert.Equal("2000", first.Retry);
        var initial = await stream.NextEvent(Wait);
        Assert.Equal("tally", initial.Event);
        var tally = JsonNode.Parse(initial.Data!)!;
        Assert.Equal(Group, tally["code"]!.GetValue<string>());
        Assert.Equal(initial.Id, tally["version"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var submitted = tally["counters"]!["report.submitted"]!.GetValue<long>();

        await host.Api.Submit(member, "关于龙泉镇柑橘产业的建议", "品牌建设滞后。");
        var next = JsonNode.Parse((await stream.NextEvent(Wait)).Data!)!;
        Assert.True(next["version"]!.GetValue<long>() > tally["version"]!.GetValue<long>());
        Assert.Equal(submitted + 1, next["counters"]!["report.submitted"]!.GetValue<long>());
    }

    [Fact]
    public async Task Reconnecting_with_the_last_version_seen_gets_only_newer_versions()
    {
        var member = await host.Api.MemberOf(Group);
        var current = await host.Api.Get($"api/units/{Group}/tally");
        var version = current["version"]!.GetValue<long>();
        var submitted = current["counters"]!["report.submitted"]!.GetValue<long>();

        await using var stream = await EventStream.Open(host.Http, $"api/units/{Group}/live", lastEventId: version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await host.Api.Submit(member, "关于龙泉镇污水处理的建议", "管网覆盖不足。");

        var first = JsonNode.Parse((await stream.NextEvent(Wait)).Data!)!;
        Assert.True(first["version"]!.GetValue<long>() > version, "the version the client already has is not sent again");
        Assert.Equal(submitted + 1, first["counters"]!["report.submitted"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_quiet_stream_sends_heartbeat_comments()
    {
        await using var stream = await EventStream.Open(host.Http, "api/units/420500-G02/live");
        await stream.NextEvent(Wait);
        var beat = await stream.Next(Wait);
        Assert.Null(beat.Event);
        Assert.Equal("keep-alive", beat.Comment);
    }

    [Theory]
    [InlineData("api/units/no%20such/live", 400, "is not a unit code")]
    [InlineData("api/units/999999/live", 404, "unit '999999' is not in the network")]
    [InlineData("api/units/420506/live?year=1900", 400, "year '1900' is not a year between")]
    public async Task Bad_requests_get_problem_details_not_a_stream(string path, int status, string detail)
    {
        using var response = await host.Http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
    }
}
