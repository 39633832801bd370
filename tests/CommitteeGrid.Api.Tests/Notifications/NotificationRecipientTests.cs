using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Notifications;

/// <summary>
/// A report's life over HTTP and whose feeds it reaches: its lead author and co-authors hear of every
/// decision, the county office of what entered its inbox, the city office of the forward, and nobody
/// else — not a member of the same group, not another county, not the units above the authors.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class NotificationRecipientTests(NotificationHostFixture host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private const string County = "420607";
    private const string City = "420600";
    private const string Lead = "420607-M0097";
    private const string CoAuthorSameGroup = "420607-M0098";
    private const string CoAuthorOtherGroup = "420607-M0111";

    /// <summary>Members and offices that must hear nothing of this report.</summary>
    private static readonly string[] Bystanders =
    [
        "420607-M0099", "420607-M0100",     // the lead's own activity group
        "420607-M0013",                     // another group of the county
        "420625-M0043",                     // another county of the city
        "420600-M0001",                     // a city-level member
        "510000", "420000", "CN", "420625", // committees that never see it
        "420607-G08", "420607-L01",         // the lead's group and liaison office
        "420607-H01",                       // a handling unit of the county
    ];

    private ApiClient Api => host.Api;

    [Fact]
    public async Task Report_steps_reach_exactly_their_authors_and_the_offices_it_enters()
    {
        string[] authors = [Lead, CoAuthorSameGroup, CoAuthorOtherGroup];
        var everyone = authors.Concat([County, City]).Concat(Bystanders).ToArray();
        var before = new Dictionary<string, long>();
        foreach (var code in everyone)
        {
            before[code] = await LastSeq(code);
        }

        var submitted = await Api.Post("api/reports", new { author = Lead, coAuthors = new[] { CoAuthorSameGroup, CoAuthorOtherGroup }, title = "关于村级公益性岗位管理的建议", body = "部分岗位人岗不符。" }, actor: TestUser.Member(Lead));
        Assert.Equal(201, submitted.Code);
        var id = submitted.ReportId!;

        await Step(id, County, new { committee = County, action = "return", reason = "请补充岗位数据" });
        var revised = await Api.Post($"api/reports/{id}/revision", new { author = Lead, title = "关于村级公益性岗位管理的建议（修改稿）", body = "全区公益性岗位1200个，部分人岗不符。" }, actor: TestUser.Member(Lead));
        Assert.Equal(200, revised.Code);
        await Step(id, County, new { committee = County, action = "adopt" });
        await Step(id, County, new { committee = County, action = "endorse", leaderTitle = "区政协主席", date = China.Today, note = "转区人社局" });
        var forwardKey = ApiClient.NewKey();
        await Step(id, County, new { committee = County, action = "forward" }, forwardKey);
        await Step(id, City, new { committee = City, action = "decline", reason = "已有同类信息" });

        // A retried command is answered from the record and tells nobody twice.
        var retried = await Api.Post($"api/reports/{id}/actions", new { committee = County, action = "forward" }, forwardKey, TestUser.Staff("420607"));
        Assert.True(retried.Replayed, retried.ToString());

        string Ev(int version) => $"report/{id}:{version}";
        var authorEvents = new[]
        {
            ("report.returned", Ev(2), County, "请补充岗位数据"),
            ("report.adopted", Ev(4), County, null),
            ("report.endorsed", Ev(5), County, $"区政协主席 {China.Today}: 转区人社局"),
            ("report.forwarded", Ev(6), County, City),
            ("report.declined", Ev(7), City, "已有同类信息"),
        };
        var expected = new Dictionary<string, (string Kind, string EventId, string Committee, string? Detail)[]>
        {
            [Lead] = authorEvents,
            [CoAuthorSameGroup] = authorEvents,
            [CoAuthorOtherGroup] = authorEvents,
            [County] = [("report.submitted", Ev(1), County, null), ("report.revised", Ev(3), County, null)],
            [City] = [("report.forwarded", Ev(6), County, City)],
        };

        foreach (var (code, events) in expected)
        {
            var items = await Eventually.Until(() => NewItems(code, before[code]), i => i.Count(Mine) >= events.Length, Deadline);
            var mine = items.Where(Mine).ToList();
            Assert.Equal(
                events.Select(e => $"{e.Kind} {e.EventId} {e.Committee} {e.Detail}"),
                mine.Select(i => $"{Str(i, "kind")} {Str(i, "eventId")} {Str(i, "committee")} {Str(i, "detail")}"));

            // Numbered in arrival order, all unread, with the report's current title.
            var seqs = mine.Select(i => i["seq"]!.GetValue<long>()).ToList();
            Assert.Equal(seqs.Order(), seqs);
            Assert.All(mine, i => Assert.False(i["read"]!.GetValue<bool>()));
            Assert.All(mine, i => Assert.Equal(id, Str(i, "subjectId")));
            Assert.Equal("关于村级公益性岗位管理的建议（修改稿）", Str(mine[^1], "title"));
        }

        // Every recipient has what it should; nobody else has anything of this report.
        foreach (var code in Bystanders)
        {
            var items = await NewItems(code, before[code]);
            Assert.True(!items.Any(Mine), $"{code} was told of report {id}: {string.Join("; ", items.Select(i => i.ToJsonString()))}");
        }

        bool Mine(JsonNode item) => Str(item, "subjectId") == id;
    }

    [Fact]
    public async Task A_handling_unit_code_has_a_feed_of_its_own()
    {
        var feed = await Api.Get("api/feeds/420607-H01");
        Assert.Equal(200, feed.Code);
        Assert.Equal("420607-H01", feed.Json!["recipient"]!.GetValue<string>());
        Assert.Empty(feed.Json["items"]!.AsArray());
    }

    /// <summary>An action by the staff of the committee that acts.</summary>
    private async Task Step(string id, string committee, object action, string? key = null)
    {
        var response = await Api.Post($"api/reports/{id}/actions", action, key, TestUser.Staff(committee));
        Assert.True(response.Code == 200, response.ToString());
    }

    private async Task<long> LastSeq(string code)
    {
        var feed = await Api.Get($"api/feeds/{code}?limit=1");
        Assert.True(feed.Code == 200, feed.ToString());
        return feed.Json!["lastSeq"]!.GetValue<long>();
    }

    private async Task<IReadOnlyList<JsonNode>> NewItems(string code, long after)
    {
        var feed = await Api.Get($"api/feeds/{code}?after={after}&limit=500");
        Assert.True(feed.Code == 200, feed.ToString());
        return [.. feed.Json!["items"]!.AsArray().Select(i => i!)];
    }

    private static string? Str(JsonNode node, string name) => node[name]?.GetValue<string>();
}
