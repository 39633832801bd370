using System.Net;
using System.Text.Json.Nodes;
using CommitteeGrid.Browser.Tests.Infrastructure;
using CommitteeGrid.Host.Hosting;
using CommitteeGrid.Host.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommitteeGrid.Browser.Tests;

/// <summary>What the host serves for pages: shells with a strict policy, redirects, assets, names and operations.</summary>
[Collection(PagesCollection.Name)]
public sealed class PageRouteTests(PagesFixture host)
{
    private static readonly string[] ScriptFiles =
    [
        .. typeof(CommitteeGridApp).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("site/", StringComparison.Ordinal) && n.EndsWith(".js", StringComparison.Ordinal))
            .Select(n => n["site/".Length..]),
    ];

    [Theory]
    [InlineData("units/420607", "unit.js")]
    [InlineData("members/420607-M0001", "member.js")]
    [InlineData("committees/420600/inbox", "inbox.js")]
    [InlineData("committees/420607/proposals", "proposals.js")]
    [InlineData("reports/R0123456789abcdef0123", "report.js")]
    [InlineData("proposals/P0123456789abcdef0123", "proposal.js")]
    [InlineData("proposals/new", "proposal-new.js")]
    [InlineData("handling-units/420607-H02", "queue.js")]
    [InlineData("groups/420607-G01/duty-records", "duty.js")]
    [InlineData("feeds/420607-M0001", "feed.js")]
    [InlineData("feeds/420607-H02", "feed.js")]
    public async Task Pages_are_html_shells_with_a_policy_that_allows_only_this_hosts_scripts(string path, string script)
    {
        using var response = await host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains($"<script type=\"module\" src=\"/assets/{script}\"></script>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("units/999999")]
    [InlineData("units/not%20a%20code")]
    [InlineData("members/420607-M9999")]
    [InlineData("committees/420607-G01/inbox")]
    [InlineData("committees/420607-G01/proposals")]
    [InlineData("reports/not-a-report")]
    [InlineData("proposals/not-a-proposal")]
    [InlineData("handling-units/420607-H99")]
    [InlineData("groups/420607/duty-records")]
    [InlineData("feeds/999999")]
    [InlineData("feeds/not%20a%20code")]
    public async Task A_page_for_something_that_is_not_there_is_a_404_shell(string path)
    {
        using var response = await host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("", "/units/CN")]
    [InlineData("?lang=en", "/units/CN?lang=en")]
    [InlineData("units/420607-M0001?year=2026", "/members/420607-M0001?year=2026")]
    [InlineData("members/420607", "/units/420607")]
    public async Task Redirects_lead_to_the_right_page(string path, string location)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Assets_are_served_with_validators_and_unknown_ones_are_problems()
    {
        using var first = await host.Http.GetAsync("assets/core.js");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "assets/core.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var css = await host.Http.GetAsync("assets/app.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);

        foreach (var missing in new[] { "assets/nothing.js", "assets/unit.html" })
        {
            using var response = await host.Http.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("there is no page asset", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task No_script_hands_text_to_an_html_parser()
    {
        Assert.Contains("core.js", ScriptFiles);
        foreach (var file in ScriptFiles)
        {
            var source = await host.Http.GetStringAsync($"assets/{file}");
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
            {
                Assert.False(source.Contains(sink, StringComparison.Ordinal), $"{file} uses {sink}");
            }
        }
    }

    [Fact]
    public void Page_and_live_endpoints_name_their_operations()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var expected = new Dictionary<string, (string Name, string Operation)>
        {
            ["/"] = ("HomePage", "page.read"),
            ["/units/{code}"] = ("UnitPage", "page.read"),
            ["/members/{code}"] = ("MemberPage", "page.read"),
            ["/committees/{code}/inbox"] = ("InboxPage", "page.read"),
            ["/reports/{id}"] = ("ReportPage", "page.read"),
            ["/proposals/new"] = ("ProposalDraftPage", "page.read"),
            ["/proposals/{id}"] = ("ProposalPage", "page.read"),
            ["/handling-units/{code}"] = ("HandlingUnitPage", "page.read"),
            ["/groups/{code}/duty-records"] = ("DutyBookPage", "page.read"),
            ["/feeds/{code}"] = ("FeedPage", "page.read"),
            ["/committees/{code}/proposals"] = ("ProposalRegisterPage", "page.read"),
            ["/assets/{name}"] = ("PageAsset", "page.read"),
            ["/api/units/{code}/live"] = ("WatchUnit", "unit.live"),
            ["/api/members/{code}/reports"] = ("GetMemberReports", "member.read"),
            ["/api/members/{code}/proposals"] = ("GetMemberProposals", "member.read"),
        };
        foreach (var (route, (name, operation)) in expected)
        {
            var endpoint = Assert.Single(endpoints, e => e.RoutePattern.RawText == route);
            Assert.Equal(name, endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
            Assert.Equal(operation, endpoint.Metadata.GetMetadata<AccessMetadata>()?.Operation);
        }
    }
}
