using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Notifications;

/// <summary>A feed followed live (server-sent events), read in pages, and marked read.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class FeedLiveTests(NotificationHostFixture host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private ApiClient Api => host.Api;

    [Fact]
    public async Task A_live_feed_receives_an_adoption_as_it_happens()
    {
        const string lead = "420607-M0126";
        var id = await Submit(lead, "关于农村学校校车安全的建议");

        await using var live = await Follow(lead);
        var ready = await live.NextNamed("ready", Deadline);
        Assert.NotNull(ready);
        var startedAt = ready!.Json["lastSeq"]!.GetValue<long>();
        Assert.Equal(startedAt, ready.Json["after"]!.GetValue<long>());

        await Act(id, new { committee = "420607", action = "adopt" });

        var pushed = await live.NextNamed("notification", Deadline);
        Assert.NotNull(pushed);
        var item = pushed!.Json;
        Assert.Equal("report.adopted", item["kind"]!.GetValue<string>());
        Assert.Equal(id, item["subjectId"]!.GetValue<string>());
        Assert.Equal($"report/{id}:2", item["eventId"]!.GetValue<string>());
        Assert.Equal("county", item["level"]!.GetValue<string>());
        Assert.Equal(startedAt + 1, item["seq"]!.GetValue<long>());
        Assert.Equal(item["seq"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), pushed.Id);

        // The same item is in the feed when read as a page.
        var page = await Api.Get($"api/feeds/{lead}?after={startedAt}");
        Assert.Equal(item.ToJsonString(), page.Json!["items"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task A_reconnecting_page_resumes_after_the_last_event_it_saw()
    {
        const string lead = "420607-M0127";
        var id = await Submit(lead, "关于规范农村建房审批的建议");
        await Act(id, new { committee = "420607", action = "adopt" });
        await Act(id, new { committee = "420607", action = "forward" });
        var all = await Eventually.Until(() => Api.Get($"api/feeds/{lead}?after=0"), r => r.Json!["items"]!.AsArray().Count >= 2, Deadline);
        var seqs = all.Json!["items"]!.AsArray().Select(i => i!["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(2, seqs.Count);

        // As EventSource does on reconnect: Last-Event-ID is the last id it received.
        await using var live = await Follow(lead, new Dictionary<string, string> { ["Last-Event-ID"] = seqs[0].ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var next = await live.NextNamed("notification", Deadline);
        Assert.Equal(seqs[1].ToString(System.Globalization.CultureInfo.InvariantCulture), next?.Id);
        Assert.Equal("report.forwarded", next!.Json["kind"]!.GetValue<string>());

        // ?after=0 replays everything kept.
        await using var fromStart = await Follow($"{lead}", query: "?after=0");
        Assert.Equal(seqs[0].ToString(System.Globalization.CultureInfo.InvariantCulture), (await fromStart.NextNamed("notification", Deadline))?.Id);
        Assert.Equal(seqs[1].ToString(System.Globalization.CultureInfo.InvariantCulture), (await fromStart.NextNamed("notification", Deadline))?.Id);
    }

    [Fact]
    public async Task A_quiet_live_feed_sends_keep_alives()
    {
        await using var live = await Follow("420607-M0128");
        Assert.NotNull(await live.NextNamed("ready", Deadline));

        // The fixture's polls end after one quiet second; each quiet end is a comment line.
        Assert.Null(await live.Next(TimeSpan.FromSeconds(3.5)));
        Assert.True(live.Comments >= 1, $"expected keep-alive comments, saw {live.Comments}");
    }

    [Fact]
    public async Task Marking_read_moves_the_mark_forward_and_retries_get_the_first_answer()
    {
        const string lead = "420607-M0129";
        var id = await Submit(lead, "关于加强农村饮水安全的建议");
        await Act(id, new { committee = "420607", action = "adopt" });
        await Act(id, new { committee = "420607", action = "endorse", leaderTitle = "区长", date = China.Today });
        await Act(id, new { committee = "420607", action = "forward" });
        var feed = await Eventually.Until(() => Api.Get($"api/feeds/{lead}"), r => r.Json!["lastSeq"]!.GetValue<long>() >= 3, Deadline);
        Assert.Equal(3, feed.Json!["lastSeq"]!.GetValue<long>());
        Assert.Equal(3, feed.Json["unread"]!.GetValue<int>());

        var key = ApiClient.NewKey();
        var marked = await Api.Post($"api/feeds/{lead}/read", new { through = 2 }, key);
        Assert.Equal(200, marked.Code);
        Assert.Equal((3L, 2L, 1), Status(marked.Json!));
        Assert.False(marked.Replayed);
        var page = await Api.Get($"api/feeds/{lead}?after=0");
        Assert.Equal([true, true, false], page.Json!["items"]!.AsArray().Select(i => i!["read"]!.GetValue<bool>()));

        // A retry gets the same answer even after the mark moved on; the same key for another position is refused.
        Assert.Equal((3L, 3L, 0), Status((await Api.Post($"api/feeds/{lead}/read", new { through = 99 })).Json!));
        var again = await Api.Post($"api/feeds/{lead}/read", new { through = 2 }, key);
        Assert.Equal(200, again.Code);
        Assert.True(again.Replayed);
        Assert.Equal((3L, 2L, 1), Status(again.Json!));
        var reused = await Api.Post($"api/feeds/{lead}/read", new { through = 1 }, key);
        Assert.Equal(422, reused.Code);
        Assert.Contains("already used", reused.Detail);

        // The mark never moves back, and never past the newest item: the next one arrives unread.
        Assert.Equal((3L, 3L, 0), Status((await Api.Post($"api/feeds/{lead}/read", new { through = 1 })).Json!));
        await Act(id, new { committee = "420600", action = "adopt" });
        var after = await Eventually.Until(() => Api.Get($"api/feeds/{lead}"), r => r.Json!["lastSeq"]!.GetValue<long>() >= 4, Deadline);
        Assert.Equal(1, after.Json!["unread"]!.GetValue<int>());
        Assert.Equal(3, after.Json["readThrough"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("api/feeds/nobody-here", 404, "not a member or unit")]
    [InlineData("api/feeds/999999-H01", 404, "handling unit")]
    [InlineData("api/feeds/bad%20code", 400, "not a unit or member code")]
    [InlineData("api/feeds/420607?after=-1", 400, "after must be a whole number")]
    [InlineData("api/feeds/420607?after=x", 400, "after must be a whole number")]
    [InlineData("api/feeds/420607?limit=0", 400, "limit must be a whole number between 1 and 500")]
    [InlineData("api/feeds/420607?limit=501", 400, "limit must be a whole number between 1 and 500")]
    [InlineData("api/feeds/nobody-here/live", 404, "not a member or unit")]
    [InlineData("api/feeds/420607/live?after=-5", 400, "after must be a whole number")]
    public async Task Bad_feed_requests_get_problem_details(string path, int status, string fragment)
    {
        var response = await Api.Get(path);
        Assert.Equal(status, response.Code);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains(fragment, response.Detail);
    }

    [Fact]
    public async Task A_bad_last_event_id_is_refused()
    {
        using var response = await Api.Open("api/feeds/420607/live", new Dictionary<string, string> { ["Last-Event-ID"] = "seven" });
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Last-Event-ID must be a whole number", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"through":-1}""", "through")]
    [InlineData("""{}""", "through")]
    [InlineData("""{"through":"two"}""", "through")]
    [InlineData("""{"through":1,"all":true}""", "unknown field 'all'")]
    [InlineData("""[1]""", "JSON object")]
    public async Task Bad_mark_requests_get_problem_details(string body, string fragment)
    {
        var response = await Api.PostRaw("api/feeds/420607-M0130/read", body, "application/json", ApiClient.NewKey());
        Assert.Equal(400, response.Code);
        Assert.Contains(fragment, response.Detail);
    }

    [Fact]
    public async Task Marking_read_needs_an_idempotency_key()
    {
        var response = await Api.PostRaw("api/feeds/420607-M0130/read", """{"through":1}""", "application/json", key: null);
        Assert.Equal(400, response.Code);
        Assert.Contains("Idempotency-Key", response.Detail);
    }

    private static (long LastSeq, long ReadThrough, int Unread) Status(JsonNode json) =>
        (json["lastSeq"]!.GetValue<long>(), json["readThrough"]!.GetValue<long>(), json["unread"]!.GetValue<int>());

    private async Task<SseReader> Follow(string code, IReadOnlyDictionary<string, string>? headers = null, string query = "")
    {
        var response = await Api.Open($"api/feeds/{code}/live{query}", headers);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response);
    }

    private async Task<string> Submit(string lead, string title)
    {
        var submitted = await Api.Post("api/reports", new { author = lead, title, body = "情况和建议。" }, actor: TestUser.Member(lead));
        Assert.Equal(201, submitted.Code);
        return submitted.ReportId!;
    }

    private async Task Act(string id, object body)
    {
        var response = await Api.Post($"api/reports/{id}/actions", body);
        Assert.True(response.Code == 200, response.ToString());
    }
}
