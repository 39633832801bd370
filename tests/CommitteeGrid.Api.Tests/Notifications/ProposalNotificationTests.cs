using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Notifications;

/// <summary>
/// A proposal's life over HTTP reaches the feeds it concerns: the invitee of the invitation, the county
/// office of the submission, the proposers of registration and answer, the handling units of the
/// assignment; the lead handling unit's webhook receives its assignment, signed.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class ProposalNotificationTests(NotificationHostFixture host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private const string County = "420607";
    private const string Lead = "420607-M0220";
    private const string Cosigner = "420607-M0221";
    private const string Bystander = "420607-M0222";
    private const string LeadUnit = "420607-H03";
    private const string CoUnit = "420607-H04";

    private ApiClient Api => host.Api;

    [Fact]
    public async Task Proposal_steps_reach_the_invitee_the_office_the_proposers_and_the_handling_units()
    {
        await using var receiver = WebhookReceiver.Start();
        var hook = await Api.As(TestUser.Staff(County)).Post($"api/units/{LeadUnit}/webhooks", new { url = receiver.Url, events = new[] { "proposal.*" } });
        Assert.True(hook.Code == 201, hook.ToString());

        var lead = Api.As(TestUser.Member(Lead));
        var staff = Api.As(TestUser.Staff(County));
        var drafted = await lead.Post("api/proposals", new { lead = Lead, title = "关于加快农村寄递物流体系建设的建议", body = "农村快递最后一公里成本高。" });
        Assert.True(drafted.Code == 201, drafted.ToString());
        var id = drafted.Json!["proposalId"]!.GetValue<string>();

        await Ok(lead.Post($"api/proposals/{id}/invitations", new { lead = Lead, members = new[] { Cosigner }, deadline = DateTimeOffset.UtcNow.AddDays(3) }));
        await Ok(Api.As(TestUser.Member(Cosigner)).Post($"api/proposals/{id}/signatures", new { member = Cosigner, accept = true }));
        await Ok(lead.Post($"api/proposals/{id}/submission", new { lead = Lead }));
        await Ok(staff.Post($"api/proposals/{id}/review", new { committee = County, action = "register" }));
        await Ok(staff.Post($"api/proposals/{id}/assignment", new { committee = County, leadUnit = LeadUnit, coUnits = new[] { CoUnit } }));
        await Ok(staff.Post($"api/proposals/{id}/answers", new { unit = LeadUnit, @class = "A", text = "已列入年度计划。" }));

        var expected = new Dictionary<string, string[]>
        {
            [Cosigner] = ["proposal.invited", "proposal.registered", "proposal.answered"],
            [Lead] = ["proposal.registered", "proposal.answered"],
            [County] = ["proposal.submitted"],
            [LeadUnit] = ["proposal.assigned"],
            [CoUnit] = ["proposal.assigned"],
        };
        foreach (var (code, kinds) in expected)
        {
            var items = await Eventually.Until(() => Items(code, id), i => i.Count >= kinds.Length, Deadline);
            Assert.Equal(kinds, items.Select(i => i["kind"]!.GetValue<string>()));
            Assert.All(items, i => Assert.StartsWith($"proposal/{id}:", i["eventId"]!.GetValue<string>(), StringComparison.Ordinal));
        }

        Assert.Empty(await Items(Bystander, id));

        // The lead unit's webhook has the assignment and (answering is the unit's own step) nothing of the others' news.
        var deliveries = await Eventually.Until(() => Task.FromResult(receiver.Received.Where(r => r.Field("subjectId") == id).ToList()), r => r.Count >= 1, Deadline);
        var assigned = Assert.Single(deliveries, d => d.Field("kind") == "proposal.assigned");
        Assert.Equal([LeadUnit], assigned.Json!["recipients"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(LeadUnit, assigned.Field("unit"));
        Assert.Equal("关于加快农村寄递物流体系建设的建议", assigned.Field("title"));
    }

    private static async Task Ok(Task<ApiResponse> call)
    {
        var response = await call;
        Assert.True(response.Code is 200 or 201, response.ToString());
    }

    private async Task<IReadOnlyList<JsonNode>> Items(string code, string proposalId)
    {
        var feed = await Api.As(TestUser.Staff(County)).Get($"api/feeds/{code}?after=0&limit=500");
        Assert.True(feed.Code == 200, feed.ToString());
        return [.. feed.Json!["items"]!.AsArray().Select(i => i!).Where(i => i["subjectId"]!.GetValue<string>() == proposalId)];
    }
}
