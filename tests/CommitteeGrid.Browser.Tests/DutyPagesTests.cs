using CommitteeGrid.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>
/// Duty records through the pages: a member reports a household contact on their own page (the answer to
/// the first try is lost on the way back, and the retry is the same request), the group leader's open
/// book shows it live and confirms it, and the member's "six ones" follow.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class DutyPagesTests(PagesFixture host)
{
    private const string Group = "420607-G07";

    [Fact]
    public async Task A_member_reports_a_duty_and_the_group_leader_confirms_it_from_the_open_book()
    {
        var member = (await host.Api.MembersOf(Group))[0];

        var leader = await host.NewPageAs("groupleader", Group);
        var leaderWatch = PageWatch.On(leader);
        await leader.GotoAsync($"/groups/{Group}/duty-records");
        await Expect(leader.Locator("#unit-name")).ToContainTextAsync("履职登记");
        await Expect(leader.Locator($"#group-six tr[data-member='{member}']")).ToBeVisibleAsync();

        var page = await host.NewPageAs("member", member);
        var watch = PageWatch.On(page);
        await page.GotoAsync($"/members/{member}");
        await Expect(page.Locator("li[data-item='six.household'] .mark")).ToHaveTextAsync("○");

        // The first answer never reaches the page: the host recorded it, the page saw a failed request.
        var keys = new List<string>();
        await page.RouteAsync("**/api/duty-records", async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (keys.Count == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        var form = page.Locator("#duty-form");
        await form.Locator("[name=kind]").SelectOptionAsync("household");
        await form.Locator("[name=title]").FillAsync("走访张湾街道困难群众");
        await form.Locator("button.act").ClickAsync();
        await Expect(form.Locator(".action-status.refused")).ToContainTextAsync("网络中断");
        await form.Locator("button.act").ClickAsync();
        await Expect(page.Locator("#duty-recorded li")).ToContainTextAsync("走访张湾街道困难群众");
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);

        // Recorded once, and the leader's open book shows it without a reload.
        var row = leader.Locator($"#book tr[data-status='pending']:has-text('走访张湾街道困难群众')");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        var book = await host.Api.Get($"api/groups/{Group}/duty-records?member={member}");
        Assert.Single(book["items"]!.AsArray(), i => i!["title"]!.GetValue<string>() == "走访张湾街道困难群众");
        Assert.Equal(1, leaderWatch.Loads);

        await row.Locator("form[data-action=confirm] button.act").ClickAsync();
        await Expect(leader.Locator("#book tr:has-text('走访张湾街道困难群众')")).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(page.Locator("li[data-item='six.household'] .mark")).ToHaveTextAsync("✓", new() { Timeout = 10_000 });
        await PagesFixture.Screenshot(leader, "duty-book");
        Assert.Empty(watch.Errors);
        Assert.Empty(leaderWatch.Errors);
    }
}
