using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Notifications;

/// <summary>
/// Who may read and follow feeds and manage webhooks: a member only their own feed; staff their
/// subtree, handling units of their committees included; nobody without a token.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class NotificationAccessTests(NotificationHostFixture host)
{
    private const string Member = "420607-M0200";
    private const string OtherMember = "420607-M0201";

    private ApiClient Api => host.Api;

    [Fact]
    public async Task A_member_reads_follows_and_marks_only_their_own_feed()
    {
        var me = Api.As(TestUser.Member(Member));
        Assert.Equal(200, (await me.Get($"api/feeds/{Member}")).Code);
        Assert.Equal(200, (await me.Post($"api/feeds/{Member}/read", new { through = 0 })).Code);
        using (var live = await me.Open($"api/feeds/{Member}/live"))
        {
            Assert.Equal(200, (int)live.StatusCode);
        }

        var other = await me.Get($"api/feeds/{OtherMember}");
        Assert.Equal(403, other.Code);
        Assert.Contains("outside", other.Detail);
        Assert.Equal(403, (await me.Post($"api/feeds/{OtherMember}/read", new { through = 0 })).Code);
        Assert.Equal(403, (await me.Get("api/feeds/420607")).Code);
        using var otherLive = await me.Open($"api/feeds/{OtherMember}/live");
        Assert.Equal(403, (int)otherLive.StatusCode);
    }

    [Fact]
    public async Task Staff_reach_the_feeds_of_their_subtree_and_their_committees_handling_units()
    {
        var county = Api.As(TestUser.Staff("420607"));
        var city = Api.As(TestUser.Staff("420600"));
        var sibling = Api.As(TestUser.Staff("420625"));

        Assert.Equal(200, (await county.Get($"api/feeds/{Member}")).Code);
        Assert.Equal(200, (await county.Get("api/feeds/420607")).Code);
        Assert.Equal(200, (await county.Get("api/feeds/420607-H01")).Code);
        Assert.Equal(200, (await city.Get("api/feeds/420607-H01")).Code);
        Assert.Equal(403, (await sibling.Get($"api/feeds/{Member}")).Code);
        Assert.Equal(403, (await sibling.Get("api/feeds/420607-H01")).Code);
        Assert.Equal(403, (await county.Get("api/feeds/420600")).Code);
        Assert.Equal(403, (await Api.As(TestUser.Member(Member)).Get("api/feeds/420607-H01")).Code);
    }

    [Fact]
    public async Task Only_staff_of_the_unit_or_above_manage_its_webhooks()
    {
        var body = new { url = "https://hooks.example.org/committeegrid" };
        var member = await Api.As(TestUser.Member(Member)).Post("api/units/420607-G20/webhooks", body);
        Assert.Equal(403, member.Code);
        Assert.Contains("staff", member.Detail);
        Assert.Equal(403, (await Api.As(TestUser.Viewer("420607")).Post("api/units/420607-G20/webhooks", body)).Code);
        Assert.Equal(403, (await Api.As(TestUser.Staff("420625")).Post("api/units/420607-G20/webhooks", body)).Code);
        Assert.Equal(403, (await Api.As(TestUser.Staff("420607-L09")).Post("api/units/420607-G20/webhooks", body)).Code);

        var created = await Api.As(TestUser.Staff("420607")).Post("api/units/420607-G20/webhooks", body);
        Assert.Equal(201, created.Code);
        var id = created.Json!["webhook"]!["id"]!.GetValue<string>();

        Assert.Equal(403, (await Api.As(TestUser.Staff("420625")).Get("api/units/420607-G20/webhooks")).Code);
        Assert.Equal(403, (await Api.As(TestUser.Member(Member)).Get($"api/units/420607-G20/webhooks/{id}/deliveries")).Code);
        Assert.Equal(200, (await Api.As(TestUser.Operator("CN")).Get($"api/units/420607-G20/webhooks/{id}/deliveries")).Code);
        Assert.Equal(403, (await Api.As(TestUser.Operator("CN")).Delete($"api/units/420607-G20/webhooks/{id}")).Code);
        Assert.Equal(403, (await Api.As(TestUser.Staff("420625")).Delete($"api/units/420607-G20/webhooks/{id}")).Code);
        Assert.Equal(200, (await Api.As(TestUser.Staff("420600")).Delete($"api/units/420607-G20/webhooks/{id}")).Code);

        // A handling unit's webhooks belong to its committee's staff.
        Assert.Equal(403, (await Api.As(TestUser.Staff("420625")).Post("api/units/420607-H02/webhooks", body)).Code);
        Assert.Equal(201, (await Api.As(TestUser.Staff("420607")).Post("api/units/420607-H02/webhooks", body)).Code);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_answered()
    {
        var anonymous = Api.Anonymous();
        Assert.Equal(401, (await anonymous.Get($"api/feeds/{Member}")).Code);
        Assert.Equal(401, (await anonymous.Get("api/units/420607/webhooks")).Code);
        Assert.Equal(401, (await anonymous.Post("api/units/420607/webhooks", new { url = "https://hooks.example.org/x" })).Code);
        using var live = await anonymous.Open($"api/feeds/{Member}/live");
        Assert.Equal(401, (int)live.StatusCode);
    }
}
