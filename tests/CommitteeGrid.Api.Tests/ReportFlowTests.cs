using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommitteeGrid.Api.Tests.Infrastructure;
using static CommitteeGrid.Api.Tests.Infrastructure.DemoHostFixture;

namespace CommitteeGrid.Api.Tests;

/// <summary>
/// One information report climbing county → city → province → national over HTTP: its history,
/// the inboxes it passes through, and the piece-times (篇次) every level counts for it.
/// </summary>
[Collection(FlowCollection.Name)]
public sealed partial class ReportFlowTests(DemoHostFixture host)
{
    private static readonly TimeSpan RollupDeadline = TimeSpan.FromSeconds(20);

    private ApiClient Api => host.Api;

    [Fact]
    public async Task Report_climbs_every_level_with_full_history_inboxes_and_tallies()
    {
        const string lead = "420607-M0010";
        const string group = "420607-G01";
        string[] units = [lead, group, Xiangzhou, Xiangyang, Hubei, National];
        var year = China.Year;
        var baseline = await SettledTallies(units, year);
        var ledgerBefore = await host.LedgerEntries();
        var started = DateTimeOffset.UtcNow;

        // Submitted by the member to the county committee (襄州区政协).
        var submitted = await Api.Post("api/reports", new { author = lead, coAuthors = new[] { "420607-M0011" }, title = "关于乡镇卫生院人才流失的建议", body = "近三年乡镇卫生院医生流失较多。" }, actor: TestUser.Member(lead));
        Assert.Equal(201, submitted.Code);
        var id = submitted.ReportId!;
        Assert.Matches(ReportIdPattern(), id);
        Assert.Equal($"/api/reports/{id}", submitted.Location?.OriginalString);
        AssertReceipt(submitted, 1, "report.submitted", id);

        // The county returns it; the author revises; then the county adopts, a leader endorses, and it goes up.
        await Step(id, Xiangzhou, new { committee = Xiangzhou, action = "return", reason = "请补充数据来源" }, 2, "report.returned");
        await InboxShows(Xiangzhou, id, "returned");
        Assert.Equal("returned", (await View(id))["status"]!.GetValue<string>());

        var revised = await Api.Post($"api/reports/{id}/revision", new { author = lead, title = "关于乡镇卫生院人才流失的建议（修改稿）", body = "据县卫健局统计，近三年乡镇卫生院医生流失四十余人。" }, actor: TestUser.Member(lead));
        AssertReceipt(revised, 3, "report.revised", id);
        await InboxShows(Xiangzhou, id, "pending");

        await Step(id, Xiangzhou, new { committee = Xiangzhou, action = "adopt" }, 4, "report.adopted");
        await Step(id, Xiangzhou, new { committee = Xiangzhou, action = "endorse", leaderTitle = "区政协主席", date = China.Today, note = "请卫健局研究" }, 5, "report.endorsed");
        await Step(id, Xiangzhou, new { committee = Xiangzhou, action = "forward", forwardTo = Xiangyang }, 6, "report.forwarded");
        await Step(id, Xiangyang, new { committee = Xiangyang, action = "adopt" }, 7, "report.adopted");
        await Step(id, Xiangyang, new { committee = Xiangyang, action = "forward" }, 8, "report.forwarded");

        // Two leaders endorse at the province: two history entries, one piece-time.
        await Step(id, Hubei, new { committee = Hubei, action = "endorse", leaderTitle = "省政协主席", date = China.Today }, 9, "report.endorsed");
        await Step(id, Hubei, new { committee = Hubei, action = "endorse", leaderTitle = "省政协副主席", date = China.Today, note = "同意" }, 10, "report.endorsed");
        await Step(id, Hubei, new { committee = Hubei, action = "forward", forwardTo = National }, 11, "report.forwarded");
        await Step(id, National, new { committee = National, action = "decline", reason = "已有同类信息" }, 12, "report.declined");
        var finished = DateTimeOffset.UtcNow;

        var view = await View(id);
        Assert.Equal(lead, view["lead"]!.GetValue<string>());
        Assert.Equal("declined", view["status"]!.GetValue<string>());
        Assert.Equal(National, view["currentCommittee"]!.GetValue<string>());
        Assert.Equal("关于乡镇卫生院人才流失的建议（修改稿）", view["title"]!.GetValue<string>());
        Assert.Equal(12, view["version"]!.GetValue<long>());

        var levels = view["levels"]!.AsArray();
        (string Committee, string Level, string Status, bool Adopted, bool Forwarded, int Endorsements)[] expectedLevels =
        [
            (Xiangzhou, "county", "forwarded", true, true, 1),
            (Xiangyang, "city", "forwarded", true, true, 0),
            (Hubei, "province", "forwarded", false, true, 2),
            (National, "national", "declined", false, false, 0),
        ];
        Assert.Equal(
            expectedLevels,
            levels.Select(l => (Str(l, "committee"), Str(l, "level"), Str(l, "status"), l!["adopted"]!.GetValue<bool>(), l["forwarded"]!.GetValue<bool>(), l["endorsements"]!.AsArray().Count)).ToArray());

        // Every step is in the history: what, who, when, at which committee and level.
        var staff = (string committee) => $"staff-{committee}";
        (string Event, string Actor, string Committee, string Level)[] expected =
        [
            ("report.submitted", lead, Xiangzhou, "county"),
            ("report.returned", staff(Xiangzhou), Xiangzhou, "county"),
            ("report.revised", lead, Xiangzhou, "county"),
            ("report.adopted", staff(Xiangzhou), Xiangzhou, "county"),
            ("report.endorsed", staff(Xiangzhou), Xiangzhou, "county"),
            ("report.forwarded", staff(Xiangzhou), Xiangzhou, "county"),
            ("report.adopted", staff(Xiangyang), Xiangyang, "city"),
            ("report.forwarded", staff(Xiangyang), Xiangyang, "city"),
            ("report.endorsed", staff(Hubei), Hubei, "province"),
            ("report.endorsed", staff(Hubei), Hubei, "province"),
            ("report.forwarded", staff(Hubei), Hubei, "province"),
            ("report.declined", staff(National), National, "national"),
        ];
        var history = view["history"]!.AsArray();
        Assert.Equal(expected, history.Select(h => (Str(h, "event"), Str(h, "actor"), Str(h, "committee"), Str(h, "level"))).ToArray());
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), history.Select(h => h!["version"]!.GetValue<long>()));
        var times = history.Select(h => h!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.All(times, t => Assert.InRange(t, started.AddSeconds(-1), finished.AddSeconds(1)));
        Assert.Equal(times.Order(), times);
        Assert.Equal($"to {Xiangyang}", Str(history[5], "detail"));
        Assert.Contains("区政协主席", Str(history[4], "detail"));

        // Each committee's inbox shows it with that committee's status.
        await InboxShows(Xiangzhou, id, "forwarded", fromCommittee: Xiangzhou, endorsements: 1);
        await InboxShows(Xiangyang, id, "forwarded", fromCommittee: Xiangzhou);
        await InboxShows(Hubei, id, "forwarded", fromCommittee: Xiangyang, endorsements: 2);
        await InboxShows(National, id, "declined", fromCommittee: Hubei);
        await InboxLacks(Xiangzhou, id, "pending");
        await InboxLacks(National, id, "pending");

        // One piece-time in each column, at every level from the member to the national committee.
        var delta = new Dictionary<string, long>
        {
            ["report.submitted"] = 1,
            ["report.returned.county"] = 1,
            ["report.adopted.county"] = 1,
            ["report.endorsed.county"] = 1,
            ["report.forwarded.city"] = 1,
            ["report.adopted.city"] = 1,
            ["report.forwarded.province"] = 1,
            ["report.endorsed.province"] = 1,
            ["report.forwarded.national"] = 1,
            ["report.declined.national"] = 1,
        };
        foreach (var unit in units)
        {
            await TallyReaches(unit, year, Plus(baseline[unit], delta));
        }

        Assert.Equal(ledgerBefore + 12, await host.LedgerEntries());
        await AssertVerified();
    }

    [Fact]
    public async Task Retried_commands_are_answered_alike_and_counted_once()
    {
        const string lead = "420607-M0020";
        const string otherLead = "420607-M0021";
        string[] units = [lead, otherLead, Xiangzhou, Xiangyang, National];
        var year = China.Year;
        var baseline = await SettledTallies(units, year);
        var ledgerBefore = await host.LedgerEntries();

        // Sequential retries of a submission: 201 once, then 200 with the same receipt, marked as replayed.
        var key = ApiClient.NewKey();
        var body = new { author = lead, title = "关于老旧小区加装电梯的建议", body = "建议简化审批流程。" };
        var first = await Api.Post("api/reports", body, key, TestUser.Member(lead));
        Assert.Equal(201, first.Code);
        Assert.False(first.Replayed);
        var id = first.ReportId!;
        for (var retry = 0; retry < 3; retry++)
        {
            var again = await Api.Post("api/reports", body, key, TestUser.Member(lead));
            Assert.Equal(200, again.Code);
            Assert.True(again.Replayed, $"retry {retry} lacks Idempotent-Replayed: true: {again}");
            Assert.Equal(id, again.ReportId);
            Assert.Equal(first.Receipt, again.Receipt);
        }

        // Sequential retries of an action, even after the report has moved on.
        var adoptKey = ApiClient.NewKey();
        var adopt = new { committee = Xiangzhou, action = "adopt" };
        var adopted = await Api.Post($"api/reports/{id}/actions", adopt, adoptKey, TestUser.Staff(Xiangzhou));
        Assert.Equal(200, adopted.Code);
        Assert.False(adopted.Replayed);
        var forwardKey = ApiClient.NewKey();
        var forward = new { committee = Xiangzhou, action = "forward" };
        var forwarded = await Api.Post($"api/reports/{id}/actions", forward, forwardKey, TestUser.Staff(Xiangzhou));
        Assert.Equal(200, forwarded.Code);
        var adoptedAgain = await Api.Post($"api/reports/{id}/actions", adopt, adoptKey, TestUser.Staff(Xiangzhou));
        Assert.Equal(200, adoptedAgain.Code);
        Assert.True(adoptedAgain.Replayed);
        Assert.Equal(adopted.Receipt, adoptedAgain.Receipt);

        // 20 identical submissions at once: one is created, 19 are replays of it.
        var concurrentKey = ApiClient.NewKey();
        var concurrentBody = new { author = otherLead, title = "关于农村客运班线的建议", body = "部分村民出行不便。" };
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Api.Post("api/reports", concurrentBody, concurrentKey, TestUser.Member(otherLead))));
        Assert.Single(burst, r => r.Code == 201 && !r.Replayed);
        Assert.Equal(19, burst.Count(r => r.Code == 200 && r.Replayed));
        Assert.Single(burst.Select(r => r.ReportId).Distinct());
        Assert.Single(burst.Select(r => r.Receipt).Distinct());
        var otherId = burst[0].ReportId!;

        // 20 identical forwards at once: one applies, 19 replay it.
        var forwardBurstKey = ApiClient.NewKey();
        var forwardBurst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Api.Post($"api/reports/{otherId}/actions", forward, forwardBurstKey, TestUser.Staff(Xiangzhou))));
        Assert.Single(forwardBurst, r => r.Code == 200 && !r.Replayed);
        Assert.Equal(19, forwardBurst.Count(r => r.Code == 200 && r.Replayed));
        Assert.Single(forwardBurst.Select(r => r.Receipt).Distinct());

        // 20 different keys racing to adopt at the city: exactly one wins, the rest are conflicts.
        var race = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Api.Post($"api/reports/{otherId}/actions", new { committee = Xiangyang, action = "adopt" }, actor: TestUser.Staff(Xiangyang))));
        Assert.Single(race, r => r.Code == 200);
        Assert.Equal(19, race.Count(r => r.Code == 409 && r.Detail!.Contains("already been adopted", StringComparison.Ordinal)));

        // Submit, adopt and forward of the first report; submit, forward and city adoption of the second.
        Assert.Equal(ledgerBefore + 6, await host.LedgerEntries());
        await TallyReaches(lead, year, Plus(baseline[lead], new() { ["report.submitted"] = 1, ["report.adopted.county"] = 1, ["report.forwarded.city"] = 1 }));
        await TallyReaches(otherLead, year, Plus(baseline[otherLead], new() { ["report.submitted"] = 1, ["report.forwarded.city"] = 1, ["report.adopted.city"] = 1 }));
        var both = new Dictionary<string, long> { ["report.submitted"] = 2, ["report.adopted.county"] = 1, ["report.forwarded.city"] = 2, ["report.adopted.city"] = 1 };
        foreach (var unit in new[] { Xiangzhou, Xiangyang, National })
        {
            await TallyReaches(unit, year, Plus(baseline[unit], both));
        }

        await AssertVerified();
    }

    [GeneratedRegex("^R[0-9a-f]{20}$")]
    private static partial Regex ReportIdPattern();

    private static string Str(JsonNode? node, string field) => node![field]!.GetValue<string>();

    private static void AssertReceipt(ApiResponse response, long version, string eventName, string id)
    {
        Assert.True(response.IsSuccess, $"{eventName} v{version} was refused: {response}");
        Assert.False(response.Replayed);
        Assert.Equal(id, response.ReportId);
        var receipt = response.Json!["receipt"]!;
        Assert.Equal($"report/{id}", Str(receipt, "stream"));
        Assert.Equal(version, receipt["version"]!.GetValue<long>());
        Assert.Equal(eventName, Str(receipt, "event"));
        Assert.InRange(receipt["occurredAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    /// <summary>One committee office action, sent by that office's staff.</summary>
    private async Task Step(string id, string committee, object action, long version, string eventName)
    {
        var response = await Api.Post($"api/reports/{id}/actions", action, actor: TestUser.Staff(committee));
        Assert.Equal(200, response.Code);
        AssertReceipt(response, version, eventName, id);
    }

    private async Task<JsonNode> View(string id)
    {
        var response = await Api.Get($"api/reports/{id}");
        Assert.Equal(200, response.Code);
        return response.Json!;
    }

    private async Task<JsonNode?> InboxItem(string committee, string id, string status)
    {
        var inbox = await Api.Get($"api/committees/{committee}/inbox?status={status}&limit=1000");
        Assert.Equal(200, inbox.Code);
        return inbox.Json!["items"]!.AsArray().FirstOrDefault(i => Str(i, "reportId") == id);
    }

    /// <summary>Inboxes follow the report by stream notices: wait until it shows there with the status.</summary>
    private async Task InboxShows(string committee, string id, string status, string? fromCommittee = null, int? endorsements = null)
    {
        var item = await Eventually.Until(() => InboxItem(committee, id, status), i => i is not null, RollupDeadline);
        if (item is null)
        {
            Assert.Fail($"report {id} did not appear in the {status} inbox of {committee} within {RollupDeadline}");
        }

        Assert.Equal(committee, Str(item, "committee"));
        Assert.Equal(status, Str(item, "status"));
        if (fromCommittee is not null)
        {
            Assert.Equal(fromCommittee, Str(item, "fromCommittee"));
        }

        if (endorsements is not null)
        {
            Assert.Equal(endorsements, item["endorsements"]!.GetValue<int>());
        }
    }

    private async Task InboxLacks(string committee, string id, string status) =>
        Assert.Null(await InboxItem(committee, id, status));

    private async Task<Dictionary<string, long>> Tally(string unit, int year)
    {
        var response = await Api.Get($"api/units/{unit}/tally?year={year}");
        Assert.Equal(200, response.Code);
        Assert.Equal(unit, Str(response.Json, "code"));
        return response.Json!["counters"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<long>());
    }

    /// <summary>
    /// Tallies once the rollups agree with the ledger: the baseline this test's own counts add to,
    /// whatever earlier tests of the collection did.
    /// </summary>
    private async Task<Dictionary<string, Dictionary<string, long>>> SettledTallies(IEnumerable<string> units, int year)
    {
        await AssertVerified();
        var tallies = new Dictionary<string, Dictionary<string, long>>();
        foreach (var unit in units)
        {
            tallies[unit] = await Tally(unit, year);
        }

        return tallies;
    }

    private async Task TallyReaches(string unit, int year, Dictionary<string, long> expected)
    {
        var tally = await Eventually.Until(() => Tally(unit, year), t => SameCounts(t, expected), RollupDeadline);
        Assert.True(SameCounts(tally, expected), $"the tally of {unit} did not reach the expected counts within {RollupDeadline}:\n{Differences(tally, expected)}");
    }

    private async Task AssertVerified()
    {
        var verify = await Api.Get($"api/verify/{National}?waitSeconds=30");
        Assert.Equal(200, verify.Code);
        Assert.True(verify.Json!["ok"]!.GetValue<bool>(), $"rollups disagree with the ledger: {verify}");
    }

    private static Dictionary<string, long> Plus(Dictionary<string, long> baseline, Dictionary<string, long> delta)
    {
        var sum = new Dictionary<string, long>(baseline);
        foreach (var (counter, value) in delta)
        {
            sum[counter] = sum.GetValueOrDefault(counter) + value;
        }

        return sum;
    }

    private static bool SameCounts(Dictionary<string, long> actual, Dictionary<string, long> expected) =>
        actual.Keys.Union(expected.Keys).All(k => actual.GetValueOrDefault(k) == expected.GetValueOrDefault(k));

    private static string Differences(Dictionary<string, long> actual, Dictionary<string, long> expected) =>
        string.Join("\n", actual.Keys.Union(expected.Keys).Order(StringComparer.Ordinal)
            .Where(k => actual.GetValueOrDefault(k) != expected.GetValueOrDefault(k))
            .Select(k => $"  {k}: expected {expected.GetValueOrDefault(k)}, got {actual.GetValueOrDefault(k)}"));
}
