using CommitteeGrid.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>A committee's proposal register: numbers, states and overdue answers, filtered in place, kept live.</summary>
[Collection(PagesCollection.Name)]
public sealed class ProposalRegisterPageTests(PagesFixture host)
{
    [Fact]
    public async Task The_register_lists_proposals_with_their_state_and_marks_overdue_answers()
    {
        var lead = await host.Api.MemberOf("140923-G02");
        var registered = await Submitted(lead, "关于雁门关景区停车场扩建的提案");
        await host.Api.Post($"api/proposals/{registered}/review", new { committee = "140923", action = "register" });
        await host.Api.Post($"api/proposals/{registered}/assignment", new { committee = "140923", leadUnit = "140923-H02", dueAt = DateTimeOffset.UtcNow.AddSeconds(2) });
        var waiting = await Submitted(lead, "关于峨口镇农村公路养护的提案");

        var page = await host.NewPage();
        var watch = PageWatch.On(page);
        await page.GotoAsync("/committees/140923/proposals");
        await Expect(page.Locator("#unit-name")).ToContainTextAsync("代县政协");
        await Expect(page.Locator($"tr[data-proposal='{registered}'] .status")).ToHaveTextAsync("办理中");
        await Expect(page.Locator($"tr[data-proposal='{waiting}'] .status")).ToHaveTextAsync("待审查");
        var number = (await host.Api.Get($"api/proposals/{registered}"))["numberText"]!.GetValue<string>();
        await Expect(page.Locator($"tr[data-proposal='{registered}'] td").First).ToHaveTextAsync(number);
        await Expect(page.Locator($"tr[data-proposal='{registered}']")).ToContainTextAsync("代县住房和城乡建设局");

        // The answer falls overdue: the overdue filter keeps it and drops the one not yet assigned.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await host.Api.Get("api/committees/140923/proposals?overdue=true"))["items"]!.AsArray().Any(i => i!["proposalId"]!.GetValue<string>() == registered))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the answer did not fall overdue");
            await Task.Delay(100);
        }

        await page.Locator("button.filter[data-overdue='true']").ClickAsync();
        await Expect(page.Locator($"tr[data-proposal='{registered}'] .overdue")).ToHaveTextAsync("逾期");
        await Expect(page.Locator($"tr[data-proposal='{waiting}']")).ToHaveCountAsync(0);
        Assert.Contains("overdue=true", page.Url);

        // The office registers the waiting one while the page is open: it appears without a reload.
        await page.Locator("button.filter[data-overdue='true']").ClickAsync();
        await page.Locator("button.filter[data-status='registered']").ClickAsync();
        await Expect(page.Locator($"tr[data-proposal='{waiting}']")).ToHaveCountAsync(0);
        await host.Api.Post($"api/proposals/{waiting}/review", new { committee = "140923", action = "register" });
        await Expect(page.Locator($"tr[data-proposal='{waiting}'] .status")).ToHaveTextAsync("已立案", new() { Timeout = 10_000 });
        await PagesFixture.Screenshot(page, "proposal-register");
        Assert.Empty(watch.Errors);
    }

    private async Task<string> Submitted(string lead, string title)
    {
        var id = (await host.Api.Post("api/proposals", new { lead, title, body = "现状、问题与建议。" }))["proposalId"]!.GetValue<string>();
        await host.Api.Post($"api/proposals/{id}/submission", new { lead });
        return id;
    }
}
