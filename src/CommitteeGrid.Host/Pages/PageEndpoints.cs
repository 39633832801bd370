using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Api;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Pages;

/// <summary>
/// The live web pages. Each route serves a static HTML shell; its script reads the JSON API and builds
/// the page with DOM calls, so data never passes through an HTML parser. A route whose unit does not
/// exist still serves its shell, with 404, and the page shows the API's explanation.
/// </summary>
internal static class PageEndpoints
{
    // Scripts, styles and connections only from this host: no inline script, nothing from elsewhere.
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").WithTags("Pages").ExcludeFromDescription();

        // Home is the signed-in user's own unit (their scope); without a session, the root.
        pages.MapGet("/", (NetworkCatalog catalog, HttpContext http) =>
            Results.Redirect($"/units/{Uri.EscapeDataString(HomeOf(http, catalog))}{http.Request.QueryString}"))
            .WithName("HomePage").RequireAccess("page.read");

        pages.MapGet("/units/{code}", (string code, NetworkCatalog catalog, PageAssets assets, HttpContext http) =>
            catalog.Network.Find(code) is { Kind: UnitKind.Member } member
                ? Results.Redirect($"/members/{Uri.EscapeDataString(member.Code)}{http.Request.QueryString}")
                : Page(assets.Get("unit.html"), Exists(catalog, code)))
            .WithName("UnitPage").RequireAccess("page.read");

        pages.MapGet("/members/{code}", (string code, NetworkCatalog catalog, PageAssets assets, HttpContext http) =>
            catalog.Network.Find(code) is { Kind: not UnitKind.Member } unit
                ? Results.Redirect($"/units/{Uri.EscapeDataString(unit.Code)}{http.Request.QueryString}")
                : Page(assets.Get("member.html"), Exists(catalog, code, UnitKind.Member)))
            .WithName("MemberPage").RequireAccess("page.read");

        pages.MapGet("/committees/{code}/inbox", (string code, NetworkCatalog catalog, PageAssets assets) =>
            Page(assets.Get("inbox.html"), Exists(catalog, code, UnitKind.Committee)))
            .WithName("InboxPage").RequireAccess("page.read");

        pages.MapGet("/committees/{code}/proposals", (string code, NetworkCatalog catalog, PageAssets assets) =>
            Page(assets.Get("proposals.html"), Exists(catalog, code, UnitKind.Committee)))
            .WithName("ProposalRegisterPage").RequireAccess("page.read");

        // A literal segment outranks {id}, so /proposals/new is the drafting form, not a proposal.
        pages.MapGet("/proposals/new", (PageAssets assets) => Page(assets.Get("proposal-new.html"), true))
            .WithName("ProposalDraftPage").RequireAccess("page.read");

        pages.MapGet("/proposals/{id}", (string id, PageAssets assets) =>
            Page(assets.Get("proposal.html"), ProposalIds.IsProposalId(id)))
            .WithName("ProposalPage").RequireAccess("page.read");

        pages.MapGet("/handling-units/{code}", (string code, ProposalCatalog proposals, PageAssets assets) =>
            Page(assets.Get("queue.html"), proposals.HandlingUnits.Find(code) is not null))
            .WithName("HandlingUnitPage").RequireAccess("page.read");

        pages.MapGet("/groups/{code}/duty-records", (string code, NetworkCatalog catalog, PageAssets assets) =>
            Page(assets.Get("duty.html"), Exists(catalog, code, UnitKind.ActivityGroup)))
            .WithName("DutyBookPage").RequireAccess("page.read");

        pages.MapGet("/feeds/{code}", (string code, ProposalCatalog proposals, PageAssets assets) =>
            Page(assets.Get("feed.html"), CommitteeGrid.Domain.Network.UnitCodes.IsWellFormed(code) && Recipients.IsKnown(proposals, code)))
            .WithName("FeedPage").RequireAccess("page.read");

        pages.MapGet("/reports/{id}", (string id, PageAssets assets) =>
            Page(assets.Get("report.html"), Api.RequestContext.IsReportId(id)))
            .WithName("ReportPage").RequireAccess("page.read");

        pages.MapGet("/assets/{name}", (string name, PageAssets assets, HttpContext http) =>
            name.EndsWith(".html", StringComparison.Ordinal) || assets.Find(name) is not { } asset
                ? Problems.NotFound($"there is no page asset '{UnitEndpoints.Shorten(name)}'")
                : Asset(asset, http))
            .WithName("PageAsset").RequireAccess("page.read");
    }

    private static bool Exists(NetworkCatalog catalog, string code, UnitKind? kind = null) =>
        CommitteeGrid.Domain.Network.UnitCodes.IsWellFormed(code) && catalog.Network.Find(code) is { } unit && (kind is null || unit.Kind == kind);

    private static string HomeOf(HttpContext http, NetworkCatalog catalog) =>
        CallerClaims.Of(http.User) is { } caller && catalog.Network.Find(caller.Scope) is { } unit
            ? unit.Code
            : catalog.Network.Root.Code;

    private static IResult Page(PageAsset page, bool found) => new PageResult(page, found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);

    private static IResult Asset(PageAsset asset, HttpContext http)
    {
        // Revalidated on every load (cheap with the ETag), so a new build of the host is picked up at once.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return http.Request.Headers.IfNoneMatch.Contains(asset.ETag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType);
    }

    private sealed class PageResult(PageAsset page, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.StatusCode = status;
            response.ContentType = page.ContentType;
            response.Headers.CacheControl = "no-cache";
            response.Headers.ContentSecurityPolicy = Policy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "same-origin";
            response.ContentLength = page.Content.Length;
            await response.Body.WriteAsync(page.Content, http.RequestAborted);
        }
    }
}
