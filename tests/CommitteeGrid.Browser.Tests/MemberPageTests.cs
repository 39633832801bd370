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

    [Fact]
    public async Task Member_page_lists_the_proposals_the_member_led_co_signed_or_drafted()
    {
        var members = await host.Api.MembersOf("420506-G06");
        var (lead, cosigner) = (members[0], members[1]);
        var draft = (await host.Api.Post("api/proposals", new { lead, title = "关于夷陵区公交线路优化的提案", body = "建议。" }))["proposalId"]!.GetValue<string>();
        var joint = (await host.Api.Post("api/proposals", new { lead, title = "关于小区加装电梯的提案", body = "建议。" }))["proposalId"]!.GetValue<string>();
        await host.Api.Post($"api/proposals/{joint}/invitations", new { lead, members = new[] { cosigner }, deadline = DateTimeOffset.UtcNow.AddDays(2) });
        await host.Api.Post($"api/proposals/{joint}/signatures", new { member = cosigner, accept = true });
        await host.Api.Post($"api/proposals/{joint}/submission", new { lead });

        var page = await host.NewPage();
        var watch = PageWatch.On(page);
        await page.GotoAsync($"/members/{lead}");
        await Expect(page.Locator($"#proposals tr[data-proposal='{draft}'] .status")).ToHaveTextAsync("草稿");
        await Expect(page.Locator($"#proposals tr[data-proposal='{draft}']")).ToContainTextAsync("领衔");
        await Expect(page.Locator($"#proposals tr[data-proposal='{joint}'] .status")).ToContainTextAsync("待审查");
        await Expect(page.Locator($"#proposals tr[data-proposal='{joint}'] a")).ToHaveAttributeAsync("href", $"/proposals/{joint}");

        await page.GotoAsync($"/members/{cosigner}");
        await Expect(page.Locator($"#proposals tr[data-proposal='{joint}']")).ToContainTextAsync("联名");
        await Expect(page.Locator($"#proposals tr[data-proposal='{draft}']")).ToHaveCountAsync(0);
        Assert.Empty(watch.Errors);
    }
}
