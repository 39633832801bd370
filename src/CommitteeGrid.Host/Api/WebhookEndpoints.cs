using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// A unit's webhooks: register (the secret is in this answer only), list, delete, and the record of
/// delivery attempts.
/// </summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/units/{code}/webhooks").WithTags("Webhooks");

        api.MapPost("", async (string code, HttpContext http, ProposalCatalog catalog, IGrainFactory grains) =>
        {
            if (FeedEndpoints.Check(catalog, code) is { } problem)
            {
                return problem;
            }

            var (meta, badMeta) = RequestContext.MetaOf(http);
            if (badMeta is not null)
            {
                return badMeta;
            }

            var (request, badBody) = await JsonBody.Read<CreateWebhookRequest>(http.Request);
            if (badBody is not null)
            {
                return badBody;
            }

            var command = new CreateWebhook(request!.Url ?? "", request.Events ?? []);
            var result = await grains.GetGrain<IUnitWebhooksGrain>(code).Create(meta!, command);
            return Answer(http, result, created: result.Webhook is { } w ? $"/api/units/{code}/webhooks/{w.Id}" : null);
        }).WithName("CreateWebhook").RequireAccess("webhook.manage");

        api.MapGet("", async (string code, ProposalCatalog catalog, IGrainFactory grains) =>
            FeedEndpoints.Check(catalog, code) ?? Results.Ok(new { Unit = code, Webhooks = await grains.GetGrain<IUnitWebhooksGrain>(code).List() }))
            .WithName("ListWebhooks").RequireAccess("webhook.read");

        api.MapGet("/{id}", async (string code, string id, ProposalCatalog catalog, IGrainFactory grains) =>
        {
            if (Check(catalog, code, id) is { } problem)
            {
                return problem;
            }

            var webhook = await grains.GetGrain<IUnitWebhooksGrain>(code).Find(id);
            return webhook is null ? NoSuchWebhook(code, id) : Results.Ok(webhook);
        }).WithName("GetWebhook").RequireAccess("webhook.read");

        api.MapDelete("/{id}", async (string code, string id, HttpContext http, ProposalCatalog catalog, IGrainFactory grains) =>
        {
            if (Check(catalog, code, id) is { } problem)
            {
                return problem;
            }

            var (meta, badMeta) = RequestContext.MetaOf(http);
            if (badMeta is not null)
            {
                return badMeta;
            }

            return Answer(http, await grains.GetGrain<IUnitWebhooksGrain>(code).Delete(meta!, id), created: null);
        }).WithName("DeleteWebhook").RequireAccess("webhook.manage");

        api.MapGet("/{id}/deliveries", async (string code, string id, string? limit, ProposalCatalog catalog, IGrainFactory grains) =>
        {
            if (Check(catalog, code, id) is { } problem)
            {
                return problem;
            }

            var (max, badLimit) = QueryValues.Int("limit", limit, 1, 200);
            if (badLimit is not null)
            {
                return badLimit;
            }

            // Registered here first: the delivery grain alone does not make a webhook.
            if (await grains.GetGrain<IUnitWebhooksGrain>(code).Find(id) is null)
            {
                return NoSuchWebhook(code, id);
            }

            var deliveries = await grains.GetGrain<IWebhookGrain>($"{code}/{id}").GetDeliveries(max ?? 50);
            return deliveries is null ? NoSuchWebhook(code, id) : Results.Ok(deliveries);
        }).WithName("GetWebhookDeliveries").RequireAccess("webhook.read");
    }

    private static IResult? Check(ProposalCatalog catalog, string code, string id) =>
        FeedEndpoints.Check(catalog, code)
        ?? (WebhookRules.IsId(id) ? null : Problems.Invalid($"'{UnitEndpoints.Shorten(id)}' is not a webhook id (W followed by 16 hexadecimal digits)"));

    private static IResult NoSuchWebhook(string code, string id) => Problems.NotFound($"unit {code} has no webhook {id}");

    private static IResult Answer(HttpContext http, WebhookResult result, string? created)
    {
        if (result.Rejection is { } rejection)
        {
            return Problems.Of(rejection);
        }

        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var body = new { result.Webhook, result.Secret, result.Receipt };
        return created is not null && !result.Replayed ? Results.Created(created, body) : Results.Ok(body);
    }
}
