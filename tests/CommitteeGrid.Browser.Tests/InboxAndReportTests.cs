using CommitteeGrid.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>A committee's review inbox, filtered by status, and a report's detail with its history.</summary>
[Collection(PagesCollection.Name)]
public sealed class InboxAndReportTests(PagesFixture host)
{
    [Fact]
    public async Task Inbox_lists_reports_with_their_status_and_leads_to_the_history()
    {
        var lead = await host.Api.MemberOf("140923-G03");
        var forwarded = await host.Api.Submit(lead, "关于雁门关景区交通的建议", "节假日拥堵，建议增设接驳线路。");
        await host.Api.Act(forwarded, "140923", "adopt");
        await host.Api.Act(forwarded, "140923", "forward");
        var pending = await host.Api.Submit(lead, "关于峨口镇饮水工程的建议", "管网老化。");

        var page = await host.NewPage();
        var watch = PageWatch.On(page);
        await page.GotoAsync("/committees/140923/inbox");
        await Expect(page.Locator("#unit-name")).ToContainTextAsync("代县政协");
        await Expect(page.Locator($"tr[data-report='{forwarded}']")).ToHaveAttributeAsync("data-status", "forwarded");
        await Expect(page.Locator($"tr[data-report='{forwarded}'] .status")).ToHaveTextAsync("已转报");
        await Expect(page.Locator($"tr[data-report='{pending}'] .status")).ToHaveTextAsync("待审");

        // Filtering redraws the list in place.
        await page.Locator("button.filter[data-status='pending']").ClickAsync();
        await Expect(page.Locator($"tr[data-report='{forwarded}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-report='{pending}']")).ToHaveCountAsync(1);
        Assert.Contains("status=pending", page.Url);

        // A report forwarded while the page is open appears in the city's inbox without a reload.
        var city = await host.NewPage();
        await city.GotoAsync("/committees/140900/inbox");
        await Expect(city.Locator($"tr[data-report='{forwarded}'] .status")).ToHaveTextAsync("待审");
        await host.Api.Act(pending, "140923", "forward");
        await Expect(city.Locator($"tr[data-report='{pending}'] .status")).ToHaveTextAsync("待审", new() { Timeout = 10_000 });

        await city.Locator($"tr[data-report='{forwarded}'] a[href='/reports/{forwarded}']").ClickAsync();
        await Expect(city.Locator("#report-title")).ToHaveTextAsync("关于雁门关景区交通的建议");
        await Expect(city.Locator("#history tbody tr")).ToHaveCountAsync(3);
        await Expect(city.Locator("#history tbody tr[data-event='report.forwarded'] td").Last).ToHaveTextAsync("→ 忻州市政协");
        await Expect(city.Locator("#levels tbody tr")).ToHaveCountAsync(2);

        // The report page follows its lead: an endorsement at the city shows up in place.
        await city.EvaluateAsync("() => { window.__samePage = 1; }");
        await host.Api.Post($"api/reports/{forwarded}/actions", new { committee = "140900", action = "endorse", leaderTitle = "市委书记", date = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd") });
        await Expect(city.Locator("#history tbody tr")).ToHaveCountAsync(4, new() { Timeout = 10_000 });
        await Expect(city.Locator("#levels .endorsement")).ToContainTextAsync("市委书记");
        Assert.Equal(1, await city.EvaluateAsync<int>("() => window.__samePage"));
        Assert.Empty(watch.Errors);
    }
}
