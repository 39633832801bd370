using CommitteeGrid.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>A member's own page: six ones, record, live.</summary>
[Collection(PagesCollection.Name)]
public sealed class MemberPageTests(PagesFixture host)
{
    [Fact]
    public async Task Member_page_shows_six_ones_and_the_record_and_follows_it_live()
    {
        var member = await host.Api.MemberOf("420506-G03");
        var first = await host.Api.Submit(member, "关于小溪塔街道停车难的建议", "老城区车位不足。");

        var page = await host.NewPage();
        var watch = PageWatch.On(page);
        await page.GotoAsync($"/members/{member}");
        await Expect(page.Locator("#six-ones li[data-item='six.report']")).ToHaveClassAsync("done");
        await Expect(page.Locator("#six-ones li[data-item='six.report'] .count")).ToHaveTextAsync("× 1");
        await Expect(page.Locator("#six-ones li.todo")).ToHaveCountAsync(5);
        await Expect(page.Locator("#six-ones .progress")).ToContainTextAsync("已完成 1/6");
        await Expect(page.Locator($"#record tr[data-report='{first}'] .status")).ToHaveTextAsync("待审");

        await page.EvaluateAsync("() => { window.__samePage = 1; }");
        await host.Api.Act(first, "420506", "adopt");
        var second = await host.Api.Submit(member, "关于龙泉镇农产品销售的建议", "建议搭建电商平台。");
        await Expect(page.Locator($"#record tr[data-report='{first}'] .status")).ToHaveTextAsync("已采用", new() { Timeout = 10_000 });
        await Expect(page.Locator($"#record tr[data-report='{second}']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(page.Locator("#six-ones li[data-item='six.report'] .count")).ToHaveTextAsync("× 2");
        await Expect(page.Locator("#six-ones .card[data-counter='adopted'] .number")).ToHaveTextAsync("1");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__samePage"));
        Assert.Equal(1, watch.Loads);
        Assert.Empty(watch.Errors);
    }
}
