using CommitteeGrid.Api.Tests.Infrastructure;
using static CommitteeGrid.Api.Tests.Proposals.ProposalKit;

namespace CommitteeGrid.Api.Tests.Proposals;

/// <summary>Duty records over HTTP: organisers record attendance, members report, group leaders confirm; six ones per member and unit.</summary>
[Collection(ProposalsCollection.Name)]
public sealed class DutyFlowTests(DemoHostFixture host)
{
    private const string Group = "420607-G02";

    private readonly ProposalKit _kit = new(host.Api);

    private ApiClient Api => host.Api;

    [Fact]
    public async Task Attendance_counts_at_once_and_a_members_report_counts_once_the_group_confirms_it()
    {
        var members = await GroupMembers(Group);
        var (a, b, c) = (members[0], members[1], members[2]);
        var year = China.Year;
        var baseline = await _kit.Settled([a, b, c, Group, Xiangzhou], year);

        // 谁组织谁记录: the county records the plenary for the members present, two half-days.
        var plenary = await Api.Post("api/duty-records", new { kind = "plenary", title = "区政协十届五次会议", date = China.Today, organiser = Xiangzhou, attendees = new[] { a, b }, count = 2 }, actor: Office);
        Assert.Equal(201, plenary.Code);
        Assert.Matches("^D[0-9a-f]{20}$", plenary.Json!["recordId"]!.GetValue<string>());

        // A member reports a household contact; it waits for the group leader.
        var reported = await Api.Post("api/duty-records", new { kind = "household", title = "走访慰问困难群众", date = China.Today, member = c }, actor: TestUser.Member(c));
        Assert.Equal(201, reported.Code);
        var recordId = reported.Json!["recordId"]!.GetValue<string>();
        var leader = TestUser.GroupLeader(Group);
        var book = await Eventually.Until(() => Api.As(leader).Get($"api/groups/{Group}/duty-records?status=pending"), r => r.Json!["items"]!.AsArray().Any(i => Str(i, "recordId") == recordId), Deadline);
        Assert.Equal(c, Str(book.Json!["items"]!.AsArray().Single(i => Str(i, "recordId") == recordId), "member"));
        await _kit.TallyReaches(c, year, baseline[c], []);

        var refused = await Api.Post($"api/duty-records/{recordId}/confirmation", new { group = Group, confirm = false }, actor: leader);
        Assert.Equal(400, refused.Code);
        Assert.Contains("reason is required", refused.Detail, StringComparison.Ordinal);
        var confirmed = await Api.Post($"api/duty-records/{recordId}/confirmation", new { group = Group, confirm = true }, actor: leader);
        Assert.Equal(200, confirmed.Code);
        Assert.Equal("duty.confirmed", Str(confirmed.Json!["receipt"], "event"));

        await _kit.TallyReaches(a, year, baseline[a], new() { ["duty.plenary"] = 2 });
        await _kit.TallyReaches(b, year, baseline[b], new() { ["duty.plenary"] = 2 });
        await _kit.TallyReaches(c, year, baseline[c], new() { ["duty.household"] = 1 });
        await _kit.TallyReaches(Group, year, baseline[Group], new() { ["duty.plenary"] = 4, ["duty.household"] = 1 });
        await _kit.TallyReaches(Xiangzhou, year, baseline[Xiangzhou], new() { ["duty.plenary"] = 4, ["duty.household"] = 1 });

        var record = await Api.As(TestUser.Member(c)).Get($"api/duty-records/{recordId}");
        Assert.Equal(("confirmed", c, Group), (Str(record.Json, "status"), Str(record.Json, "member"), Str(record.Json, "group")));
        var stranger = await Api.As(TestUser.Member(a)).Get($"api/duty-records/{recordId}");
        Assert.Equal(404, stranger.Code);
        await _kit.Verified();
    }

    [Fact]
    public async Task Six_ones_show_what_each_member_has_done_and_what_is_missing()
    {
        var members = await GroupMembers("420607-G03");
        var m = members[0];
        var year = China.Year;
        foreach (var (kind, title) in new[] { ("inspection", "农村道路调研"), ("household", "走访群众"), ("deed", "修缮村道"), ("reportBack", "向活动组述职") })
        {
            var recorded = await Api.Post("api/duty-records", new { kind, title, date = China.Today, organiser = "420607-G03", attendees = new[] { m } }, actor: Office);
            Assert.Equal(201, recorded.Code);
        }

        await _kit.Submitted(m);
        var almost = await Eventually.Until(() => Api.As(TestUser.Member(m)).Get($"api/units/{m}/six-ones?year={year}"), r => r.Json!["missing"]!.AsArray().Count == 1, Deadline);
        Assert.Equal(["report"], almost.Json!["missing"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.False(almost.Json["complete"]!.GetValue<bool>());
        Assert.Equal(1, almost.Json["items"]!["proposal"]!.GetValue<long>());

        var report = await Api.Post("api/reports", new { author = m, title = "关于农村道路养护的建议", body = "建议……" }, actor: TestUser.Member(m));
        Assert.Equal(201, report.Code);
        var done = await Eventually.Until(() => Api.Get($"api/units/{m}/six-ones?year={year}"), r => r.Json!["complete"]!.GetValue<bool>(), Deadline);
        Assert.Empty(done.Json!["missing"]!.AsArray());

        // The group lists every member; the county counts its complete members.
        var group = await Eventually.Until(() => Api.Get($"api/units/420607-G03/six-ones?year={year}"), r => r.Json!["complete"]!.GetValue<int>() >= 1, Deadline);
        Assert.Equal(members.Count, group.Json!["members"]!.GetValue<int>());
        Assert.Equal(members.Count, group.Json["memberProgress"]!.AsArray().Count);
        Assert.True(group.Json["memberProgress"]!.AsArray().Single(p => Str(p, "member") == m)!["complete"]!.GetValue<bool>());
        var county = await Api.Get($"api/units/{Xiangzhou}/six-ones?year={year}");
        Assert.Equal(303, county.Json!["members"]!.GetValue<int>());
        Assert.True(county.Json["complete"]!.GetValue<int>() >= 1);
        Assert.Null(county.Json["memberProgress"]);
        Assert.True(county.Json["missing"]!["inspection"]!.GetValue<int>() < 303);
    }

    private async Task<List<string>> GroupMembers(string group)
    {
        var unit = await Api.Get($"api/units/{group}");
        return [.. unit.Json!["children"]!.AsArray().Select(c => Str(c, "code"))];
    }
}
