using System.Diagnostics;
using CommitteeGrid.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>
/// A city office watching its counties: 达州市政协 (511700) ranks 大竹县 (511724) and 渠县 (511725), and
/// adoptions sent through the API reorder the open page without a reload. This tree is used by no
/// other test, so its counts are known.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class CityPageTests(PagesFixture host, ITestOutputHelper output)
{
    private const string City = "511700";
    private const string Dazhu = "511724";
    private const string Qu = "511725";

    [Fact]
    public async Task City_page_ranks_its_counties_and_redraws_in_place_when_reports_are_adopted()
    {
        var dazhu = await host.Api.MemberOf("511724-G01");
        var qu = await host.Api.MemberOf("511725-G01");
        await Adopt(dazhu, Dazhu, times: 2);
        await Adopt(qu, Qu, times: 1);

        var page = await host.NewPage();
        var watch = PageWatch.On(page);
        await page.GotoAsync($"/units/{City}");

        // The county ranking, as a table and as bars, each row a link down to the county.
        await Expect(page.Locator("#unit-name")).ToHaveTextAsync("达州市政协");
        var rows = page.Locator("#ranking table.ranking tbody tr");
        await Expect(rows.Filter(new() { HasText = "大竹县政协" })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasText = "渠县政协" })).ToHaveCountAsync(1);
        await Expect(page.Locator($"#ranking svg.bars [data-code='{Dazhu}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#ranking table.ranking a[href^='/units/{Qu}']")).ToHaveCountAsync(1);

        // Rank by county adoptions, chosen on the page: the ranking is redrawn in place.
        await page.EvaluateAsync("marker => { window.__samePage = marker; }", "city-page-marker");
        await page.SelectOptionAsync("#rank-by", "report.adopted.county");
        await Expect(rows.First).ToHaveAttributeAsync("data-code", Dazhu);
        await Expect(Row(page, Dazhu).Locator("td.value")).ToHaveTextAsync("2");
        await Expect(Row(page, Qu).Locator("td.value")).ToHaveTextAsync("1");
        await Expect(page.Locator("#tally .card[data-counter='adopted'] .number")).ToHaveTextAsync("3");

        var screenshot = await PagesFixture.Screenshot(page, $"city-{City}");
        output.WriteLine($"screenshot: {screenshot}");
        Console.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot should show a drawn page");

        // Two adoptions in 渠县 through the API put it first: pushed, refetched, redrawn.
        var clock = Stopwatch.StartNew();
        await Adopt(qu, Qu, times: 2);
        var acknowledged = clock.Elapsed;
        await Expect(rows.First).ToHaveAttributeAsync("data-code", Qu, new() { Timeout = 10_000 });
        var shown = clock.Elapsed;
        output.WriteLine($"last adoption acknowledged → page reordered: {(shown - acknowledged).TotalMilliseconds:F0} ms");

        await Expect(Row(page, Qu).Locator("td.value")).ToHaveTextAsync("3");
        await Expect(page.Locator("#ranking svg.bars [data-code]").First).ToHaveAttributeAsync("data-code", Qu);
        await Expect(page.Locator("#tally .card[data-counter='adopted'] .number")).ToHaveTextAsync("5");
        await Expect(page.Locator("#live")).ToHaveClassAsync("live on");

        // The same document throughout: the marker survived, and only one document was ever loaded.
        Assert.Equal("city-page-marker", await page.EvaluateAsync<string>("() => window.__samePage"));
        Assert.Equal(1, watch.Loads);
        Assert.Empty(watch.Errors);
        output.WriteLine($"after the change: {await PagesFixture.Screenshot(page, $"city-{City}-after")}");
    }

    private static ILocator Row(IPage page, string code) => page.Locator($"#ranking table.ranking tbody tr[data-code='{code}']");

    private async Task Adopt(string member, string county, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var id = await host.Api.Submit(member, $"关于县域物流体系建设的建议（{i + 1}）", "现状、问题与建议。");
            await host.Api.Act(id, county, "adopt");
        }
    }
}
