using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>Information reports (社情民意信息): submit, act at each level, revise, read with history.</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Information reports");

        api.MapPost("/reports", (HttpContext http, IGrainFactory grains) =>
            Command<SubmitReportRequest>(http, reportId: null, r => Target("author", r.Author), async (meta, request) =>
            {
                if (string.IsNullOrWhiteSpace(request.Author))
                {
                    return Problems.Invalid("author (the lead author's member code) is required");
                }

                var id = RequestContext.NewReportId(meta);
                var command = new SubmitInfoReport(request.Author, request.CoAuthors ?? [], request.Title ?? "", request.Body ?? "");
                return Answer(http, await grains.GetGrain<IInfoReportGrain>(id).Submit(meta, command), created: $"/api/reports/{id}", id);
            })).WithName("SubmitReport").RequireAccess("report.submit", targetInBody: true);

        api.MapGet("/reports/{id}", async (string id, IGrainFactory grains) =>
        {
            if (!RequestContext.IsReportId(id))
            {
                return NotAReportId(id);
            }

            var view = await grains.GetGrain<IInfoReportGrain>(id).GetView();
            return view is null ? Problems.NotFound($"report {id} does not exist") : Results.Ok(view);
        }).WithName("GetReport").RequireAccess("report.read");

        api.MapPost("/reports/{id}/actions", (string id, HttpContext http, IGrainFactory grains) =>
            Command<ReportActionRequest>(http, id, r => Target("committee", r.Committee), async (meta, request) =>
            {
                if (string.IsNullOrWhiteSpace(request.Committee))
                {
                    return Problems.Invalid("committee (the code of the committee whose office acts) is required");
                }

                if (request.Action is not { } action)
                {
                    return Problems.Invalid("action is required: adopt, forward, decline, return or endorse");
                }

                var command = new ActOnInfoReport(request.Committee, action, request.Reason, request.LeaderTitle, request.Date, request.Note, request.ForwardTo);
                return Answer(http, await grains.GetGrain<IInfoReportGrain>(id).Act(meta, command), created: null, id);
            })).WithName("ActOnReport").RequireAccess("report.act");

        api.MapPost("/reports/{id}/revision", (string id, HttpContext http, IGrainFactory grains) =>
            Command<ReviseReportRequest>(http, id, r => Target("author", r.Author), async (meta, request) =>
            {
                var command = new ReviseInfoReport(request.Author ?? "", request.Title ?? "", request.Body ?? "");
                return Answer(http, await grains.GetGrain<IInfoReportGrain>(id).Revise(meta, command), created: null, id);
            })).WithName("ReviseReport").RequireAccess("report.revise");

        api.MapGet("/committees/{code}/inbox", async (string code, string? status, string? limit, NetworkCatalog catalog, IGrainFactory grains) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            if (unit.Kind != UnitKind.Committee)
            {
                return Problems.Invalid($"unit '{code}' is {UnitEndpoints.Describe(unit.Kind)}, not a committee; only committees have a review inbox");
            }

            if (status is not null && !ReportStatus.All.Contains(status))
            {
                return Problems.Invalid($"status '{UnitEndpoints.Shorten(status)}' is not one of {string.Join(", ", ReportStatus.All)}");
            }

            var (max, badLimit) = QueryValues.Int("limit", limit, 1, 1000);
            if (badLimit is not null)
            {
                return badLimit;
            }

            var items = await grains.GetGrain<ICommitteeGrain>(code).GetInbox(status, max ?? 100);
            return Results.Ok(new { Committee = code, Status = status, Items = items });
        }).WithTags("Review inbox").WithName("GetInbox").RequireAccess("inbox.read");
    }

    /// <summary>
    /// What every command endpoint checks first, in this order: the report id, the idempotency key, the
    /// body, and the access policy for the unit the body names (the author, the acting committee).
    /// </summary>
    private static async Task<IResult> Command<TRequest>(HttpContext http, string? reportId, Func<TRequest, AccessTarget?> target, Func<CommandMeta, TRequest, Task<IResult>> run)
        where TRequest : class
    {
        if (reportId is not null && !RequestContext.IsReportId(reportId))
        {
            return NotAReportId(reportId);
        }

        var (meta, badMeta) = RequestContext.MetaOf(http);
        if (badMeta is not null)
        {
            return badMeta;
        }

        var (request, badBody) = await JsonBody.Read<TRequest>(http.Request);
        if (badBody is not null)
        {
            return badBody;
        }

        if (target(request!) is { } unit && http.RequestServices.GetRequiredService<AccessGate>().CheckBody(http, unit) is { } refused)
        {
            return refused;
        }

        return await run(meta!, request!);
    }

    /// <summary>A unit the body names; a missing or malformed one is left for the command's own checks.</summary>
    private static AccessTarget? Target(string field, string? code) =>
        Domain.Network.UnitCodes.IsWellFormed(code) ? AccessTarget.BodyUnit(field, code!) : null;

    private static IResult NotAReportId(string id) =>
        Problems.Invalid($"'{UnitEndpoints.Shorten(id)}' is not a report id (R followed by 20 hexadecimal digits)");

    private static IResult Answer(HttpContext http, CommandResult result, string? created, string id)
    {
        if (result.Rejection is { } rejection)
        {
            return Problems.Of(rejection);
        }

        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var body = new { ReportId = id, Receipt = result.Receipt };
        return created is not null && !result.Replayed ? Results.Created(created, body) : Results.Ok(body);
    }
}
