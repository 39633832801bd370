using System.Text.Json;
using CommitteeGrid.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>
/// Markup, template and SQL fragments typed into reports are data: the API gives them back exactly,
/// and every page shows them as text. No script runs, no dialog opens, no element is made from them.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class InjectionTests(PagesFixture host)
{
    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
        "\"><svg onload=\"window.__pwned='svg';alert('svg')\">",
        "{{7*7}} ${7*7} <%= 7*7 %>",
        "'; DROP TABLE x;--",
    ];

    private static readonly string Body = string.Join("\n", Payloads) + "\n<b>粗体</b> &amp; &lt;tag&gt;";

    [Fact]
    public async Task Injection_strings_come_back_exactly_and_render_as_text_on_every_page()
    {
        var lead = await host.Api.MemberOf("420625-G03");
        var ids = new List<string>();
        foreach (var payload in Payloads)
        {
            var id = await host.Api.Submit(lead, payload, Body);
            ids.Add(id);

            var stored = await host.Api.Get($"api/reports/{id}");
            Assert.Equal(payload, stored["title"]!.GetValue<string>());
            Assert.Equal(Body, stored["body"]!.GetValue<string>());
        }

        // One of them goes up to the city, so it shows in two inboxes and with a forwarding in its history.
        await host.Api.Act(ids[1], "420625", "forward");

        var page = await host.NewPage();
        var watch = PageWatch.On(page);

        for (var i = 0; i < Payloads.Length; i++)
        {
            await page.GotoAsync($"/reports/{ids[i]}");
            await Expect(page.Locator("#report-title")).ToHaveTextAsync(Payloads[i]);
            Assert.Equal(Body, await page.Locator("#report-body").TextContentAsync());
            await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(i == 1 ? 2 : 1);
            Assert.Equal($"{Payloads[i]} · 政协履职网", await page.TitleAsync());
            await AssertInert(page, watch);
        }

        await page.GotoAsync("/committees/420625/inbox");
        foreach (var (id, payload) in ids.Zip(Payloads))
        {
            await Expect(page.Locator($"tr[data-report='{id}'] a[href='/reports/{id}']")).ToHaveTextAsync(payload);
        }

        await AssertInert(page, watch);

        await page.GotoAsync("/committees/420600/inbox");
        await Expect(page.Locator($"tr[data-report='{ids[1]}'] a[href='/reports/{ids[1]}']")).ToHaveTextAsync(Payloads[1]);
        await AssertInert(page, watch);

        await page.GotoAsync($"/members/{lead}");
        foreach (var (id, payload) in ids.Zip(Payloads))
        {
            await Expect(page.Locator($"#record tr[data-report='{id}'] a")).ToHaveTextAsync(payload);
        }

        await AssertInert(page, watch);
        Assert.Empty(watch.Dialogs);
        Assert.Empty(watch.Errors);
    }

    [Fact]
    public async Task Injection_strings_in_proposal_titles_show_literally_on_the_proposal_feed_queue_and_register_pages()
    {
        var members = await host.Api.MembersOf("420607-G08");
        var (lead, cosigner) = (members[0], members[1]);
        var feed = await host.NewPageAs("member", cosigner);
        var watch = PageWatch.On(feed);
        await feed.GotoAsync($"/feeds/{cosigner}");
        await Expect(feed.Locator("#unread")).ToBeVisibleAsync();

        var ids = new List<string>();
        foreach (var payload in Payloads)
        {
            var id = (await host.Api.Post("api/proposals", new { lead, title = payload, body = Body }))["proposalId"]!.GetValue<string>();
            await host.Api.Post($"api/proposals/{id}/invitations", new { lead, members = new[] { cosigner }, deadline = DateTimeOffset.UtcNow.AddDays(3) });
            await host.Api.Post($"api/proposals/{id}/submission", new { lead });
            await host.Api.Post($"api/proposals/{id}/review", new { committee = "420607", action = "register" });
            await host.Api.Post($"api/proposals/{id}/assignment", new { committee = "420607", leadUnit = "420607-H03" });
            ids.Add(id);
        }

        // The invitations arrived live on the open feed, as text.
        foreach (var (id, payload) in ids.Zip(Payloads))
        {
            await Expect(feed.Locator($"#feed li[data-subject='{id}'] .title")).ToHaveTextAsync(payload, new() { Timeout = 10_000 });
        }

        await AssertInert(feed, watch);

        await feed.GotoAsync($"/proposals/{ids[0]}");
        await Expect(feed.Locator("#proposal-title")).ToHaveTextAsync(Payloads[0]);
        Assert.Equal(Body, await feed.Locator("#proposal-body").TextContentAsync());
        await AssertInert(feed, watch);

        var office = await host.NewPageAs("staff", "420607");
        var officeWatch = PageWatch.On(office);
        await office.GotoAsync("/handling-units/420607-H03");
        foreach (var (id, payload) in ids.Zip(Payloads))
        {
            await Expect(office.Locator($"article[data-proposal='{id}'] a.title")).ToHaveTextAsync(payload);
        }

        await AssertInert(office, officeWatch);
        await office.GotoAsync("/committees/420607/proposals");
        foreach (var (id, payload) in ids.Zip(Payloads))
        {
            await Expect(office.Locator($"tr[data-proposal='{id}'] a[href='/proposals/{id}']")).ToHaveTextAsync(payload);
        }

        await AssertInert(office, officeWatch);
        Assert.Empty(watch.Errors);
        Assert.Empty(officeWatch.Errors);
    }

    /// <summary>No payload became markup: nothing ran, and no element carries what the payloads would create.</summary>
    private static async Task AssertInert(IPage page, PageWatch watch)
    {
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        var made = await page.EvaluateAsync<JsonElement>("""
            () => ({
              images: document.querySelectorAll('img').length,
              handlers: document.querySelectorAll('[onerror], [onload]').length,
              bold: document.querySelectorAll('main b').length,
              scripts: [...document.scripts].map(s => s.getAttribute('src') || 'inline'),
            })
            """);
        Assert.Equal(0, made.GetProperty("images").GetInt32());
        Assert.Equal(0, made.GetProperty("handlers").GetInt32());
        Assert.Equal(0, made.GetProperty("bold").GetInt32());
        Assert.All(made.GetProperty("scripts").EnumerateArray(), s => Assert.StartsWith("/assets/", s.GetString()));
        Assert.Empty(watch.Dialogs);
    }
}
