using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Security;

/// <summary>
/// A member who takes part in a proposal (its lead, a co-signer, an invitee) may see it, but acts only as
/// themself: the member a command names (lead, member) must be within the caller's scope, as a report's
/// author is. Staff of the committee still act for members (代录).
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class ProposalActorTests(DemoHostFixture host)
{
    private const string Lead = "420607-M0099";
    private const string Cosigner = "420607-M0100";
    private const string Invitee = "420607-M0101";

    [Fact]
    public async Task A_member_cannot_act_on_a_proposal_in_another_members_name()
    {
        var api = host.Api;
        var drafted = await api.Post("api/proposals", new { lead = Lead, title = "关于联名的权限测试", body = "正文" }, actor: TestUser.Member(Lead));
        Assert.True(drafted.Code == 201, drafted.ToString());
        var id = drafted.Json!["proposalId"]!.GetValue<string>();
        var deadline = DateTimeOffset.UtcNow.AddDays(2);
        Assert.Equal(200, (await api.Post($"api/proposals/{id}/invitations", new { lead = Lead, members = new[] { Cosigner, Invitee }, deadline }, actor: TestUser.Member(Lead))).Code);
        Assert.Equal(200, (await api.Post($"api/proposals/{id}/signatures", new { member = Cosigner, accept = true }, actor: TestUser.Member(Cosigner))).Code);
        var before = await host.LedgerEntries();

        // The co-signer and the invitee see the proposal, but may not use the lead's name...
        (string What, string Path, object Body, string Actor)[] impersonations =
        [
            ("withdraw as the lead", "withdrawal", new { lead = Lead, reason = "不想提了" }, Cosigner),
            ("submit as the lead", "submission", new { lead = Lead }, Invitee),
            ("invite as the lead", "invitations", new { lead = Lead, members = new[] { "420607-M0102" }, deadline }, Cosigner),
            // ...nor may the lead sign or decline for the invitee.
            ("sign for the invitee", "signatures", new { member = Invitee, accept = true }, Lead),
            ("decline for the invitee", "signatures", new { member = Invitee, accept = false }, Cosigner),
        ];
        foreach (var (what, path, body, actor) in impersonations)
        {
            var response = await api.Post($"api/proposals/{id}/{path}", body, actor: TestUser.Member(actor));
            Assert.True(response.Code == 403, $"{actor}: {what}: {response}");
            Assert.Contains("outside", response.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(before, await host.LedgerEntries());
        var view = await api.Get($"api/proposals/{id}");
        Assert.Equal("signing", view.Json!["status"]!.GetValue<string>());

        // Each still acts in their own name, and the committee's staff for any member of it.
        Assert.Equal(200, (await api.Post($"api/proposals/{id}/signatures", new { member = Invitee, accept = true }, actor: TestUser.Member(Invitee))).Code);
        Assert.Equal(200, (await api.Post($"api/proposals/{id}/submission", new { lead = Lead }, actor: TestUser.Staff(MatrixScene.County))).Code);
    }
}
