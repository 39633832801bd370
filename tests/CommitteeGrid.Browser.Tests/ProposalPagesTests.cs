using System.Text.RegularExpressions;
using CommitteeGrid.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitteeGrid.Browser.Tests;

/// <summary>
/// A proposal's whole life through the pages, each person in their own browser signed in as themself:
/// the member drafts and invites, the co-signer hears of it live and signs, the office registers and
/// assigns, the handling unit answers from its queue, both proposers rate, and the proposal closes.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed partial class ProposalPagesTests(PagesFixture host)
{
    private const string Committee = "420607";

    [Fact]
    public async Task A_proposal_goes_from_the_drafting_form_to_closed_through_the_pages()
    {
        var members = await host.Api.MembersOf("420607-G05");
        var (lead, cosigner) = (members[0], members[1]);

        // The member drafts from their own page.
        var leadPage = await host.NewPageAs("member", lead);
        var leadWatch = PageWatch.On(leadPage);
        await leadPage.GotoAsync($"/members/{lead}");
        await leadPage.Locator("#new-proposal").ClickAsync();
        await Expect(leadPage.Locator("#draft [name=lead]")).ToHaveValueAsync(lead);
        await leadPage.Locator("#draft [name=title]").FillAsync("关于张家集镇农村饮水安全巩固提升的提案");
        await leadPage.Locator("#draft [name=body]").FillAsync("现状：部分村组供水管网老化。\n建议：分年度实施管网改造。");
        await leadPage.Locator("#draft button.act").ClickAsync();
        await Expect(leadPage).ToHaveURLAsync(ProposalUrl());
        var id = leadPage.Url[(leadPage.Url.LastIndexOf('/') + 1)..];
        await Expect(Status(leadPage)).ToHaveAttributeAsync("data-status", "draft");
        await Expect(leadPage.Locator("#proposal-body")).ToHaveTextAsync("现状：部分村组供水管网老化。\n建议：分年度实施管网改造。");
        await AssertNoPlaceholders(leadPage);

        // The co-signer has their notifications open before anything is sent to them.
        var coPage = await host.NewPageAs("member", cosigner);
        var coWatch = PageWatch.On(coPage);
        await coPage.GotoAsync($"/feeds/{cosigner}");
        await Expect(coPage.Locator("#unread")).ToBeVisibleAsync();
        await Expect(coPage.Locator("#bell")).ToBeVisibleAsync();

        // A refusal shows the API's own words; then the real invitation goes out.
        var invite = leadPage.Locator("form[data-action=invite]");
        await invite.Locator("[name=members]").FillAsync(lead);
        await invite.Locator("button.act").ClickAsync();
        await Expect(invite.Locator(".action-status.refused")).ToContainTextAsync("the lead author cannot co-sign their own proposal");
        await invite.Locator("[name=members]").FillAsync(cosigner);
        await invite.Locator("button.act").ClickAsync();
        await Expect(Status(leadPage)).ToHaveAttributeAsync("data-status", "signing");
        await Expect(leadPage.Locator($"#invitations tr[data-member='{cosigner}']")).ToHaveAttributeAsync("data-answer", "pending");

        // The invitation arrives on the co-signer's open page, without a reload.
        var notice = coPage.Locator($"#feed li[data-kind='proposal.invited'][data-subject='{id}']");
        await Expect(notice).ToContainTextAsync("关于张家集镇农村饮水安全巩固提升的提案", new() { Timeout = 10_000 });
        await Expect(coPage.Locator("#bell")).ToHaveAttributeAsync("data-unread", "1");
        await Expect(coPage.Locator("#toast")).ToContainTextAsync("邀请您联名提案");
        Assert.Equal(1, coWatch.Loads);
        await coPage.Locator("#mark-read button.act").ClickAsync();
        await Expect(coPage.Locator("#unread")).ToHaveAttributeAsync("data-unread", "0");
        await Expect(coPage.Locator("#bell")).ToHaveAttributeAsync("data-unread", "0");

        await notice.Locator("a").ClickAsync();
        await Expect(coPage).ToHaveURLAsync(ProposalUrl());
        await Act(coPage, "accept");
        await Expect(coPage.Locator($"#invitations tr[data-member='{cosigner}']")).ToHaveAttributeAsync("data-answer", "accepted");

        await Act(leadPage, "submit");
        await Expect(Status(leadPage)).ToHaveAttributeAsync("data-status", "submitted");
        await Expect(leadPage.Locator("form[data-action=invite]")).ToHaveCountAsync(0);

        // The county's proposal office registers, marks it key and assigns it.
        var office = await host.NewPageAs("staff", Committee);
        var officeWatch = PageWatch.On(office);
        await office.GotoAsync($"/proposals/{id}");
        await Act(office, "register");
        await Expect(Status(office)).ToHaveAttributeAsync("data-status", "registered");
        var number = (await host.Api.Get($"api/proposals/{id}"))["numberText"]!.GetValue<string>();
        await Expect(office.Locator(".facts-table td").First).ToHaveTextAsync(number);
        await office.Locator("form[data-action=key] [name=leadingLeader]").FillAsync("区政协主席");
        await Act(office, "key");
        await Expect(office.Locator(".chip.key")).ToContainTextAsync("区政协主席");
        var assign = office.Locator("form[data-action=assign]");
        await assign.Locator("[name=leadUnit]").SelectOptionAsync($"{Committee}-H05");
        await assign.Locator("[name=coUnits]").SelectOptionAsync(new[] { $"{Committee}-H06" });
        await assign.Locator("button.act").ClickAsync();
        await Expect(Status(office)).ToHaveAttributeAsync("data-status", "assigned");
        await Expect(office.Locator($"#units tr[data-unit='{Committee}-H05']")).ToHaveAttributeAsync("data-role", "lead");
        await Expect(office.Locator($"#units tr[data-unit='{Committee}-H06']")).ToHaveAttributeAsync("data-role", "co");

        // The lead handling unit answers from its queue; the lead's open page follows without a reload.
        await office.GotoAsync($"/handling-units/{Committee}-H05");
        var item = office.Locator($"article[data-proposal='{id}']");
        await Expect(item).ToContainTextAsync(number);
        await item.Locator("form[data-action=answer] [name=class]").SelectOptionAsync("A");
        await item.Locator("form[data-action=answer] [name=text]").FillAsync("已列入2027年农村供水工程计划，年内完成改造。");
        await item.Locator("form[data-action=answer] button.act").ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
        await office.Locator("#queue input[type=checkbox]").CheckAsync();
        await Expect(office.Locator($"article[data-proposal='{id}']")).ToHaveAttributeAsync("data-status", "answered");

        await Expect(Status(leadPage)).ToHaveAttributeAsync("data-status", "answered", new() { Timeout = 10_000 });
        await Expect(leadPage.Locator("#answer-text")).ToHaveTextAsync("已列入2027年农村供水工程计划，年内完成改造。");
        Assert.Equal(3, leadWatch.Loads);

        // Both proposers rate; the last rating closes it.
        await coPage.ReloadAsync();
        await coPage.Locator("form[data-action=rate] [name=rating]").SelectOptionAsync("basically");
        await Act(coPage, "rate");
        await Expect(coPage.Locator($"#ratings tr[data-member='{cosigner}']")).ToContainTextAsync("基本满意");
        await leadPage.Locator("form[data-action=rate] [name=rating]").SelectOptionAsync("satisfied");
        await Act(leadPage, "rate");
        await Expect(Status(leadPage)).ToHaveAttributeAsync("data-status", "closed");
        await Expect(Status(leadPage)).ToHaveTextAsync("已办结");
        await Expect(leadPage.Locator("#actions .muted")).ToHaveTextAsync("当前状态下您没有可办理的事项");
        await AssertNoPlaceholders(leadPage);
        await PagesFixture.Screenshot(leadPage, "proposal-closed");

        var stored = await host.Api.Get($"api/proposals/{id}");
        Assert.Equal("closed", stored["status"]!.GetValue<string>());
        Assert.Equal(2, stored["ratings"]!.AsArray().Count);
        Assert.Empty(leadWatch.Errors);
        Assert.Empty(coWatch.Errors);
        Assert.Empty(officeWatch.Errors);
    }

    [Fact]
    public async Task The_office_turns_a_proposal_down_into_a_report_and_the_members_open_page_follows()
    {
        var lead = (await host.Api.MembersOf("420607-G06"))[0];
        var id = (await host.Api.Post("api/proposals", new { lead, title = "关于黄集镇集贸市场改造的提案", body = "建议。" }))["proposalId"]!.GetValue<string>();
        await host.Api.Post($"api/proposals/{id}/submission", new { lead });

        var member = await host.NewPageAs("member", lead);
        await member.GotoAsync($"/proposals/{id}");
        await Expect(Status(member)).ToHaveAttributeAsync("data-status", "submitted");
        await Expect(member.Locator("form[data-action=withdraw]")).ToHaveCountAsync(1);
        await Expect(member.Locator("form[data-action=register]")).ToHaveCountAsync(0);

        var office = await host.NewPageAs("staff", Committee);
        await office.GotoAsync($"/proposals/{id}");
        var form = office.Locator("form[data-action=notRegister]");
        await form.Locator("[name=reason]").FillAsync("属于具体个案，建议转为社情民意信息反映。");
        await form.Locator("[name=toReport]").CheckAsync();
        await form.Locator("button.act").ClickAsync();
        await Expect(Status(office)).ToHaveAttributeAsync("data-status", "not_registered");
        await Expect(office.Locator(".chips")).ToContainTextAsync("属于具体个案");
        await Expect(office.Locator(".chips a[href^='/reports/R']")).ToHaveTextAsync("已转为社情民意信息");

        // The member's open page follows: the decision shows, and withdrawing is no longer offered.
        await Expect(Status(member)).ToHaveAttributeAsync("data-status", "not_registered", new() { Timeout = 10_000 });
        await Expect(member.Locator("form[data-action=withdraw]")).ToHaveCountAsync(0);
        await Expect(member.Locator("#actions .muted")).ToHaveTextAsync("当前状态下您没有可办理的事项");
    }

    /// <summary>Nothing missing was drawn as "null" or "undefined".</summary>
    private static async Task AssertNoPlaceholders(IPage page)
    {
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", text, StringComparison.Ordinal);
    }

    private static ILocator Status(IPage page) => page.Locator("#proposal-status");

    private static Task Act(IPage page, string action) => page.Locator($"form[data-action={action}] button.act").ClickAsync();

    [GeneratedRegex("/proposals/P[0-9a-f]{20}$")]
    private static partial Regex ProposalUrl();
}
