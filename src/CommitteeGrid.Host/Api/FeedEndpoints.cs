using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Host.Security;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Host.Api;

/// <summary>Notification feeds (通知): read, follow live (server-sent events), mark read.</summary>
internal static class FeedEndpoints
{
    public const int MaxLimit = 500;

    public static void MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Notifications");

        api.MapGet("/feeds/{code}", async (string code, string? after, string? limit, ProposalCatalog catalog, IGrainFactory grains) =>
        {
            if (Check(catalog, code) is { } problem)
            {
                return problem;
            }

            var (from, badAfter) = QueryValues.Long("after", after, 0, long.MaxValue);
            var (max, badLimit) = QueryValues.Int("limit", limit, 1, MaxLimit);
            if ((badAfter ?? badLimit) is { } bad)
            {
                return bad;
            }

            return Results.Ok(await grains.GetGrain<INotificationFeedGrain>(code).Read(from, max ?? 50));
        }).WithName("ReadFeed").RequireAccess("feed.read");

        api.MapGet("/feeds/{code}/live", (string code, string? after, HttpContext http, ProposalCatalog catalog, IGrainFactory grains,
            IOptions<NotificationOptions> options, IHostApplicationLifetime lifetime) =>
        {
            if (Check(catalog, code) is { } problem)
            {
                return problem;
            }

            // A reconnecting EventSource says where it got to; otherwise ?after=, otherwise only what is new.
            var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
            var (from, badAfter) = QueryValues.Long(lastEventId.Length > 0 ? "Last-Event-ID" : "after", lastEventId.Length > 0 ? lastEventId : after, 0, long.MaxValue);
            return badAfter ?? (IResult)new FeedStream(grains.GetGrain<INotificationFeedGrain>(code), from, options.Value.LiveWait, lifetime.ApplicationStopping);
        }).WithName("FollowFeed").RequireAccess("feed.live")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        api.MapPost("/feeds/{code}/read", async (string code, HttpContext http, ProposalCatalog catalog, IGrainFactory grains) =>
        {
            if (Check(catalog, code) is { } problem)
            {
                return problem;
            }

            var (meta, badMeta) = RequestContext.MetaOf(http);
            if (badMeta is not null)
            {
                return badMeta;
            }

            var (request, badBody) = await JsonBody.Read<MarkReadRequest>(http.Request);
            if (badBody is not null)
            {
                return badBody;
            }

            if (request!.Through is not { } through || through < 0)
            {
                return Problems.Invalid("through (the number of the newest item to mark read, 0 or more) is required");
            }

            var result = await grains.GetGrain<INotificationFeedGrain>(code).MarkRead(meta!, through);
            if (result.Rejection is { } rejection)
            {
                return Problems.Of(rejection);
            }

            if (result.Replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return Results.Ok(result.Status);
        }).WithName("MarkFeedRead").RequireAccess("feed.mark");
    }

    /// <summary>A feed's code must be a member or unit of the network, or a handling unit of one of its committees.</summary>
    internal static IResult? Check(ProposalCatalog catalog, string code)
    {
        if (!UnitCodes.IsWellFormed(code))
        {
            return Problems.Invalid($"'{UnitEndpoints.Shorten(code)}' is not a unit or member code (1-{UnitCodes.MaxLength} letters, digits or '-')");
        }

        return Recipients.IsKnown(catalog, code)
            ? null
            : Problems.NotFound($"'{code}' is not a member or unit of the network, nor a handling unit of one of its committees");
    }
}
