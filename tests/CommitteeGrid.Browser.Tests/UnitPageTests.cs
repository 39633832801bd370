using CommitteeGrid.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>Drill-down through the network and the language switch.</summary>
[Collection(PagesCollection.Name)]
public sealed class UnitPageTests(PagesFixture host)
{
    [Fact]
    public async Task Links_lead_from_the_city_down_to_a_member()
    {
        var page = await host.NewPage();
        var watch = PageWatch.On(page);
        await page.GotoAsync("/units/420600");
        await Expect(page.Locator("#unit-name")).ToHaveTextAsync("襄阳市政协");

        await page.Locator("#ranking a[href^='/units/420607']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/units/420607(\\?|$)"));
        await Expect(page.Locator("#unit-name")).ToHaveTextAsync("襄州区政协");
        await Expect(page.Locator("#bar .crumbs a", new() { HasText = "襄阳市政协" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#inbox-link")).ToHaveAttributeAsync("href", "/committees/420607/inbox");

        await page.Locator("#ranking a[href^='/units/420607-L01']").First.ClickAsync();
        await Expect(page.Locator("#unit-name")).ToHaveTextAsync("双沟镇联络处");

        await page.Locator("#ranking a[href^='/units/420607-G08']").First.ClickAsync();
        await Expect(page.Locator("#unit-name")).ToHaveTextAsync("双沟镇第一委员活动组");
        await Expect(page.Locator("#ranking h2")).ToHaveTextAsync("委员排名");
        await Expect(page.Locator("#trend svg.lines")).ToHaveCountAsync(1);
        await AssertNoPlaceholders(page);

        var member = page.Locator("#ranking a[href^='/members/']").First;
        var name = await member.TextContentAsync();
        await member.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/420607-"));
        await Expect(page.Locator("#unit-name")).ToHaveTextAsync(name!);
        await Expect(page.Locator("#six-ones li")).ToHaveCountAsync(6);
        await Expect(page.Locator("#score .total")).ToHaveCountAsync(1);
        await AssertNoPlaceholders(page);
        Assert.Empty(watch.Errors);
    }

    /// <summary>Nothing missing was drawn as "null" or "undefined".</summary>
    private static async Task AssertNoPlaceholders(IPage page)
    {
        await Expect(page.Locator("#score .total, #score .muted")).Not.ToHaveCountAsync(0);
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_speak_Chinese_by_default_and_English_when_asked_and_remember_the_choice()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/units/420607");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("#tally h2")).ToHaveTextAsync("履职统计（篇次）");

        await page.GotoAsync("/units/420607?lang=en");
        await Expect(page.Locator("#tally h2")).ToHaveTextAsync("Tally (piece-times)");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // The switch redraws in place and is remembered for the next page without ?lang.
        await page.EvaluateAsync("() => { window.__samePage = 1; }");
        await page.Locator("#lang").ClickAsync();
        await Expect(page.Locator("#tally h2")).ToHaveTextAsync("履职统计（篇次）");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__samePage"));
        await page.GotoAsync("/units/420607-G01");
        await Expect(page.Locator("#tally h2")).ToHaveTextAsync("履职统计（篇次）");

        await page.Locator("#lang").ClickAsync();
        await page.GotoAsync("/units/420600");
        await Expect(page.Locator("#tally h2")).ToHaveTextAsync("Tally (piece-times)");
        await Expect(page.Locator("#lang")).ToHaveTextAsync("中文");
    }

    [Fact]
    public async Task An_unknown_unit_gets_a_page_that_says_so()
    {
        var page = await host.NewPage();
        var response = await page.GotoAsync("/units/999999");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator(".problem")).ToContainTextAsync("unit '999999' is not in the network");
    }
}
