using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;
using static CommitteeGrid.Api.Tests.Proposals.ProposalKit;

namespace CommitteeGrid.Api.Tests.Proposals;

/// <summary>Proposals over HTTP, each step sent by whoever takes it, from draft to closed.</summary>
[Collection(ProposalsCollection.Name)]
public sealed class ProposalFlowTests(DemoHostFixture host)
{
    private readonly ProposalKit _kit = new(host.Api);

    private ApiClient Api => host.Api;

    [Fact]
    public async Task A_joint_proposal_goes_from_draft_to_closed_with_its_history_register_queue_and_tallies()
    {
        const string lead = "420607-M0030";
        const string cosigner = "420607-M0031";
        const string decliner = "420607-M0032";
        var group = Str((await Api.Get($"api/units/{lead}")).Json!["unit"], "parentCode");
        var year = China.Year;
        string[] units = [lead, cosigner, group, Xiangzhou, DemoHostFixture.National];
        var baseline = await _kit.Settled(units, year);
        var ledgerBefore = await host.LedgerEntries();

        var id = await _kit.Draft(lead);
        Assert.Matches("^P[0-9a-f]{20}$", id);
        Assert.Equal("draft", Str(await _kit.View(id), "status"));

        await Ok(Api.Post($"api/proposals/{id}/invitations", new { lead, members = new[] { cosigner, decliner }, deadline = DateTimeOffset.UtcNow.AddDays(1) }, actor: TestUser.Member(lead)));
        await Ok(Api.Post($"api/proposals/{id}/signatures", new { member = cosigner, accept = true }, actor: TestUser.Member(cosigner)));
        await Ok(Api.Post($"api/proposals/{id}/signatures", new { member = decliner, accept = false }, actor: TestUser.Member(decliner)));

        // Submitted: in the county's register, between sessions (its plenary was in January).
        var submitKey = ApiClient.NewKey();
        var submitted = await Ok(Api.Post($"api/proposals/{id}/submission", new { lead }, submitKey, TestUser.Member(lead)));
        Assert.Equal("proposal.submitted", Str(submitted.Json!["receipt"], "event"));
        var retried = await Api.Post($"api/proposals/{id}/submission", new { lead }, submitKey, TestUser.Member(lead));
        Assert.Equal((200, true), (retried.Code, retried.Replayed));
        Assert.Equal(submitted.Receipt, retried.Receipt);
        var entry = await InRegister(id, "submitted");
        Assert.Equal(("10-5", false, 2), (Str(entry, "session"), entry["duringPlenary"]!.GetValue<bool>(), entry["proposers"]!.GetValue<int>()));

        // The office registers, marks it key and assigns it; the units answer.
        await Ok(_kit.Review(id, new { committee = Xiangzhou, action = "register" }));
        await Ok(_kit.Review(id, new { committee = Xiangzhou, action = "key", leadingLeader = "区政协主席" }));
        var dueDate = China.Now.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Ok(Api.Post($"api/proposals/{id}/assignment", new { committee = Xiangzhou, leadUnit = "420607-H02", coUnits = new[] { "420607-H05" }, dueDate }, actor: Office));
        var queue = await Eventually.Until(() => Api.Get("api/handling-units/420607-H02"), q => q.Json!["queue"]!.AsArray().Any(i => Str(i, "proposalId") == id), Deadline);
        var item = queue.Json!["queue"]!.AsArray().Single(i => Str(i, "proposalId") == id)!;
        Assert.Equal(("lead", false), (Str(item["assignment"], "role"), item["overdue"]!.GetValue<bool>()));
        Assert.Equal($"{dueDate}T23:59:59.999999+08:00", item["assignment"]!["dueAt"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("襄州区住房和城乡建设局", Str(queue.Json["unit"], "name"));

        await Ok(Api.Post($"api/proposals/{id}/answers", new { unit = "420607-H05", text = "同意主办单位意见。" }, actor: Office));
        await Ok(Api.Post($"api/proposals/{id}/answers", new { unit = "420607-H02", @class = "A", text = "已纳入年度改造计划，年底前完工。" }, actor: Office));
        await Ok(Api.Post($"api/proposals/{id}/ratings", new { member = cosigner, rating = "basically" }, actor: TestUser.Member(cosigner)));
        await Ok(Api.Post($"api/proposals/{id}/ratings", new { member = lead, rating = "satisfied" }, actor: TestUser.Member(lead)));

        var view = await _kit.View(id);
        Assert.Equal("closed", Str(view, "status"));
        Assert.Matches("^10-5-[0-9]{4}$", Str(view, "numberText"));
        Assert.Equal([cosigner], view["cosigners"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(
            ["proposal.drafted", "proposal.invited", "proposal.signed", "proposal.sign_declined", "proposal.submitted", "proposal.registered",
                "proposal.key", "proposal.assigned", "proposal.co_answered", "proposal.answered", "proposal.rated", "proposal.rated"],
            view["history"]!.AsArray().Select(h => Str(h, "event")));
        Assert.Equal(Office.Name, Str(view["history"]![5], "actor"));
        Assert.Equal(lead, Str(view["history"]![0], "actor"));

        // Counted once each, the lead with the plain counter and the co-signer with the co-signer's.
        await _kit.TallyReaches(lead, year, baseline[lead], new()
        {
            ["proposal.submitted"] = 1,
            ["proposal.registered"] = 1,
            ["proposal.key"] = 1,
            ["proposal.answered.a"] = 1,
            ["proposal.rated.satisfied"] = 1,
        });
        await _kit.TallyReaches(cosigner, year, baseline[cosigner], new()
        {
            ["proposal.cosigned"] = 1,
            ["proposal.registered.cosigner"] = 1,
            ["proposal.key.cosigner"] = 1,
            ["proposal.answered.a.cosigner"] = 1,
            ["proposal.rated.basically"] = 1,
        });
        var both = new Dictionary<string, long>
        {
            ["proposal.submitted"] = 1,
            ["proposal.cosigned"] = 1,
            ["proposal.registered"] = 1,
            ["proposal.registered.cosigner"] = 1,
            ["proposal.key"] = 1,
            ["proposal.key.cosigner"] = 1,
            ["proposal.answered.a"] = 1,
            ["proposal.answered.a.cosigner"] = 1,
            ["proposal.rated.satisfied"] = 1,
            ["proposal.rated.basically"] = 1,
        };
        foreach (var unit in new[] { group, Xiangzhou, DemoHostFixture.National })
        {
            await _kit.TallyReaches(unit, year, baseline[unit], both);
        }

        Assert.Equal(ledgerBefore + 12, await host.LedgerEntries() - NumberingEntries(view));
        await _kit.Verified();
    }

    [Fact]
    public async Task Tallies_name_every_proposal_and_duty_counter_even_at_zero()
    {
        var tally = await Api.Get($"api/units/140923/tally?year={China.Year - 5}");

        var counters = tally.Json!["counters"]!.AsObject();
        foreach (var name in new[] { "proposal.submitted", "proposal.cosigned", "proposal.merged.cosigner", "proposal.answered.c", "proposal.rated.dissatisfied", "duty.plenary", "duty.reportback" })
        {
            Assert.Equal(0, counters[name]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Merged_proposers_join_the_survivor_and_one_not_registered_becomes_a_report()
    {
        const string a = "420607-M0040";
        const string b = "420607-M0041";
        const string bCo = "420607-M0042";
        const string c = "420607-M0043";
        var year = China.Year;
        var baseline = await _kit.Settled([b, bCo, c], year);

        var survivor = await _kit.Submitted(a);
        var merged = await _kit.Submitted(b, bCo);
        var refused = await _kit.Submitted(c);
        await Ok(_kit.Review(survivor, new { committee = Xiangzhou, action = "register" }));

        await Ok(_kit.Review(merged, new { committee = Xiangzhou, action = "merge", into = survivor }));
        await Ok(_kit.Review(survivor, new { committee = Xiangzhou, action = "excellent" }));
        var notRegistered = await Ok(_kit.Review(refused, new { committee = Xiangzhou, action = "notRegister", reason = "属于个人诉求，转为社情民意信息", toReport = true }));

        var view = await _kit.View(survivor);
        Assert.Equal([merged], view["absorbed"]!.AsArray().Select(x => Str(x, "proposalId")));
        Assert.Equal(survivor, Str(await _kit.View(merged), "mergedInto"));

        // A proposer who joined by merger reads the survivor and is credited for its excellence.
        var asJoined = await Api.As(TestUser.Member(bCo)).Get($"api/proposals/{survivor}");
        Assert.Equal(200, asJoined.Code);
        var credited = new Dictionary<string, Dictionary<string, long>>
        {
            [a] = new() { ["proposal.submitted"] = 1, ["proposal.registered"] = 1, ["proposal.excellent"] = 1 },
            [b] = new() { ["proposal.submitted"] = 1, ["proposal.merged"] = 1, ["proposal.excellent.cosigner"] = 1 },
            [bCo] = new() { ["proposal.cosigned"] = 1, ["proposal.merged.cosigner"] = 1, ["proposal.excellent.cosigner"] = 1 },
        };
        await _kit.TallyReaches(b, year, baseline[b], credited[b]);
        await _kit.TallyReaches(bCo, year, baseline[bCo], credited[bCo]);

        // Their scores are the county's rules applied to exactly those credits (these members did nothing else).
        var rules = (await Api.Get($"api/committees/{Xiangzhou}/scoring-rules/{year}")).Json!;
        foreach (var (member, counts) in credited)
        {
            var score = await Eventually.Until(() => Api.Get($"api/units/{member}/score?year={year}"), s => s.Json!["total"]!.GetValue<decimal>() == Score(rules, counts), Deadline);
            Assert.True(score.Json!["total"]!.GetValue<decimal>() == Score(rules, counts), $"{member}: {score}");
        }

        // The proposal not registered entered the report flow as the lead's information report.
        var reportId = Str(await _kit.View(refused), "reportId");
        Assert.Equal("not_registered", Str(await _kit.View(refused), "status"));
        var report = await Api.Get($"api/reports/{reportId}");
        Assert.True(report.Code == 200, report.ToString());
        Assert.Equal((c, "pending", Xiangzhou), (Str(report.Json, "lead"), Str(report.Json, "status"), Str(report.Json, "currentCommittee")));
        Assert.NotNull(notRegistered.Json!["receipt"]);
        await _kit.TallyReaches(c, year, baseline[c], new() { ["proposal.submitted"] = 1, ["proposal.not_registered"] = 1, ["report.submitted"] = 1 });
        await _kit.Verified();
    }

    [Fact]
    public async Task Signing_closes_by_itself_at_a_short_deadline()
    {
        const string lead = "420607-M0050";
        var id = await _kit.Draft(lead);
        await Ok(Api.Post($"api/proposals/{id}/invitations", new { lead, members = new[] { "420607-M0051" }, deadline = DateTimeOffset.UtcNow.AddSeconds(2) }, actor: TestUser.Member(lead)));

        var closed = await Eventually.Until(() => _kit.View(id), v => Str(v, "status") == "signing_closed", Deadline);

        Assert.Equal("signing_closed", Str(closed, "status"));
        Assert.Equal("lapsed", Str(closed["invitations"]![0], "answer"));
        var late = await Api.Post($"api/proposals/{id}/signatures", new { member = "420607-M0051", accept = true }, actor: TestUser.Member("420607-M0051"));
        Assert.Equal(409, late.Code);
        Assert.Contains("signing has closed", late.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_filters_by_state_session_and_overdue()
    {
        const string lead = "420607-M0060";
        var assigned = await _kit.Submitted(lead);
        await Ok(_kit.Review(assigned, new { committee = Xiangzhou, action = "register" }));
        await Ok(Api.Post($"api/proposals/{assigned}/assignment", new { committee = Xiangzhou, leadUnit = "420607-H01", dueAt = DateTimeOffset.UtcNow.AddSeconds(1) }, actor: Office));
        var waiting = await _kit.Submitted("420607-M0061");

        var overdue = await Eventually.Until(
            () => Api.Get($"api/committees/{Xiangzhou}/proposals?overdue=true"),
            r => r.Json!["items"]!.AsArray().Any(i => Str(i, "proposalId") == assigned),
            Deadline);
        Assert.DoesNotContain(overdue.Json!["items"]!.AsArray(), i => Str(i, "proposalId") == waiting);
        var submitted = await Api.Get($"api/committees/{Xiangzhou}/proposals?status=submitted&session=10-5");
        Assert.Contains(submitted.Json!["items"]!.AsArray(), i => Str(i, "proposalId") == waiting);
        Assert.All(submitted.Json["items"]!.AsArray(), i => Assert.Equal("submitted", Str(i, "status")));
        var otherSession = await Api.Get($"api/committees/{Xiangzhou}/proposals?session=10-4");
        Assert.DoesNotContain(otherSession.Json!["items"]!.AsArray(), i => Str(i, "proposalId") == waiting);

        var sessions = await Api.Get($"api/committees/{Xiangzhou}/sessions");
        Assert.Equal(["10-4", "10-5"], sessions.Json!["sessions"]!.AsArray().Select(s => Str(s, "id")));
        var unitsList = await Api.Get($"api/committees/{Xiangzhou}/handling-units");
        Assert.Equal(8, unitsList.Json!["units"]!.AsArray().Count);

        // The overdue warning reached the unit's feed, and the unit's queue puts it first.
        var feed = await Eventually.Until(() => Api.Get("api/feeds/420607-H01"), f => Kinds(f).Contains("proposal.overdue"), Deadline);
        Assert.Contains("proposal.assigned", Kinds(feed));
        var queue = await Api.Get("api/handling-units/420607-H01");
        Assert.True(queue.Json!["queue"]![0]!["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Notifications_reach_the_invitee_the_office_and_the_proposers()
    {
        const string lead = "420607-M0070";
        const string invitee = "420607-M0071";
        const string bystander = "420607-M0072";
        var id = await _kit.Draft(lead);
        await Ok(Api.Post($"api/proposals/{id}/invitations", new { lead, members = new[] { invitee }, deadline = DateTimeOffset.UtcNow.AddDays(1) }, actor: TestUser.Member(lead)));
        await Ok(Api.Post($"api/proposals/{id}/signatures", new { member = invitee, accept = true }, actor: TestUser.Member(invitee)));
        await Ok(Api.Post($"api/proposals/{id}/submission", new { lead }, actor: TestUser.Member(lead)));
        await Ok(_kit.Review(id, new { committee = Xiangzhou, action = "register" }));

        var inviteeFeed = await Eventually.Until(() => Feed(invitee, TestUser.Member(invitee)), f => Kinds(f).Contains("proposal.registered"), Deadline);
        Assert.Equal(["proposal.invited", "proposal.registered"], KindsFor(inviteeFeed, id));
        var leadFeed = await Eventually.Until(() => Feed(lead, TestUser.Member(lead)), f => Kinds(f).Contains("proposal.registered"), Deadline);
        Assert.Equal(["proposal.registered"], KindsFor(leadFeed, id));
        var office = await Eventually.Until(() => Feed(Xiangzhou, Office), f => KindsFor(f, id).Count > 0, Deadline);
        Assert.Equal(["proposal.submitted"], KindsFor(office, id));
        Assert.Empty(KindsFor(await Feed(bystander, TestUser.Member(bystander)), id));
    }

    [Fact]
    public async Task A_member_lists_the_proposals_they_led_co_signed_or_drafted_and_nobody_else_s()
    {
        const string lead = "420607-M0085";
        const string cosigner = "420607-M0086";
        const string bystander = "420607-M0087";
        var draft = await _kit.Draft(lead, "关于城区停车泊位共享的提案");
        var submitted = await _kit.Submitted(lead, cosigner);
        await Ok(_kit.Review(submitted, new { committee = Xiangzhou, action = "register" }));

        var own = await Mine(lead, TestUser.Member(lead));
        Assert.Equal(lead, Str(own["member"], "code"));
        Assert.Equal(China.Year, own["year"]!.GetValue<int>());
        var rows = own["proposals"]!.AsArray().ToDictionary(p => Str(p, "id"));
        Assert.Equal([submitted, draft], rows.Keys.Where(k => k == draft || k == submitted).OrderBy(k => k == draft));
        Assert.Equal(("draft", "lead"), (Str(rows[draft], "status"), Str(rows[draft], "role")));
        Assert.Equal(("registered", "lead", Xiangzhou), (Str(rows[submitted], "status"), Str(rows[submitted], "role"), Str(rows[submitted], "committee")));
        Assert.False(string.IsNullOrEmpty(rows[submitted]!["numberText"]?.GetValue<string>()));
        Assert.Equal("关于城区停车泊位共享的提案", Str(rows[draft], "title"));

        // The co-signer sees the proposal they signed, not the lead's draft; a bystander sees neither.
        var signed = (await Mine(cosigner, TestUser.Member(cosigner)))["proposals"]!.AsArray();
        Assert.Equal("cosigner", Str(Assert.Single(signed, p => Str(p, "id") == submitted), "role"));
        Assert.DoesNotContain(signed, p => Str(p, "id") == draft);
        Assert.DoesNotContain((await Mine(bystander, TestUser.Member(bystander)))["proposals"]!.AsArray(), p => Str(p, "id") == draft || Str(p, "id") == submitted);

        // Staff of the county read a member's list; another member may not; a year before anything was drafted is empty.
        Assert.Contains((await Mine(lead, Office))["proposals"]!.AsArray(), p => Str(p, "id") == submitted);
        Assert.Equal(403, (await Api.As(TestUser.Member(bystander)).Get($"api/members/{lead}/proposals")).Code);
        Assert.Empty((await Api.Get($"api/members/{lead}/proposals?year=2001")).Json!["proposals"]!.AsArray());
        Assert.Single((await Api.Get($"api/members/{lead}/proposals?limit=1")).Json!["proposals"]!.AsArray());
    }

    [Theory]
    [InlineData("api/members/420607/proposals", 400, "is a committee, not a member")]
    [InlineData("api/members/420607-M9999/proposals", 404, "is not in the network")]
    [InlineData("api/members/420607-M0085/proposals?year=20x6", 400, "is not a year")]
    [InlineData("api/members/420607-M0085/proposals?limit=0", 400, "limit")]
    public async Task A_member_list_of_proposals_refuses_what_is_not_a_member_year_or_limit(string path, int code, string detail)
    {
        var answer = await Api.Get(path);
        Assert.Equal(code, answer.Code);
        Assert.Contains(detail, answer.Json?["detail"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    private async Task<JsonNode> Mine(string member, TestUser user)
    {
        var answer = await Api.As(user).Get($"api/members/{member}/proposals");
        Assert.True(answer.Code == 200, answer.ToString());
        return answer.Json!;
    }

    /// <summary>The member items of a rules document applied by hand: counts times points, bonuses, item caps, the total's cap.</summary>
    private static decimal Score(JsonNode rules, Dictionary<string, long> counts)
    {
        var total = 0m;
        foreach (var item in rules["memberItems"]!.AsArray())
        {
            var amount = item!["counters"]!.AsArray().Sum(c => counts.GetValueOrDefault(c!.GetValue<string>())) * item["points"]!.GetValue<decimal>()
                + item["bonuses"]!.AsArray().Sum(b => counts.GetValueOrDefault(Str(b, "counter")) * b!["points"]!.GetValue<decimal>());
            total += item["cap"]?.GetValue<decimal>() is { } cap ? Math.Min(amount, cap) : amount;
        }

        return rules["maxTotal"]?.GetValue<decimal>() is { } max ? Math.Min(total, max) : total;
    }

    private Task<ApiResponse> Feed(string code, TestUser user) => Api.As(user).Get($"api/feeds/{code}?limit=500");

    private static List<string> Kinds(ApiResponse feed) => [.. feed.Json!["items"]!.AsArray().Select(i => Str(i, "kind"))];

    private static List<string> KindsFor(ApiResponse feed, string subject) =>
        [.. feed.Json!["items"]!.AsArray().Where(i => Str(i, "subjectId") == subject).Select(i => Str(i, "kind"))];

    private async Task<JsonNode> InRegister(string id, string status)
    {
        var register = await Eventually.Until(
            () => Api.Get($"api/committees/{Xiangzhou}/proposals?status={status}"),
            r => r.Json!["items"]!.AsArray().Any(i => Str(i, "proposalId") == id),
            Deadline);
        return register.Json!["items"]!.AsArray().Single(i => Str(i, "proposalId") == id)!;
    }

    /// <summary>Registration also writes one numbering entry (the register's stream, not the proposal's).</summary>
    private static int NumberingEntries(JsonNode view) => view["number"] is null ? 0 : 1;
}
