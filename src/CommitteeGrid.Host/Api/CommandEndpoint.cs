using CommitteeGrid.Abstractions.Commands;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// What every proposal and duty-record command endpoint does, in this order: check the id in the route,
/// the idempotency key, the body; run the command; answer with the receipt (201 for a creation, 200 for
/// the rest and for a replay, marked Idempotent-Replayed) or with the refusal as a problem.
/// </summary>
internal static class CommandEndpoint
{
    public static async Task<IResult> Run<TRequest>(
        HttpContext http,
        string? id,
        Func<string, IResult?> checkId,
        IReadOnlyDictionary<string, string>? hints,
        Func<CommandMeta, TRequest, Task<IResult>> run)
        where TRequest : class
    {
        if (id is not null && checkId(id) is { } badId)
        {
            return badId;
        }

        var (meta, badMeta) = RequestContext.MetaOf(http);
        if (badMeta is not null)
        {
            return badMeta;
        }

        var (request, badBody) = await JsonBody.Read<TRequest>(http.Request, hints);
        return badBody ?? await run(meta!, request!);
    }

    /// <summary>The answer to a command: <c>{ "&lt;idName&gt;": id, "receipt": … }</c>.</summary>
    public static IResult Answer(HttpContext http, CommandResult result, string idName, string id, string? created)
    {
        if (result.Rejection is { } rejection)
        {
            return Problems.Of(rejection);
        }

        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var body = new Dictionary<string, object?> { [idName] = id, ["receipt"] = result.Receipt };
        return created is not null && !result.Replayed ? Results.Created(created, body) : Results.Ok(body);
    }

    /// <summary>A required text field that is missing, as a problem naming it.</summary>
    public static IResult? Required(string? value, string field, string what) =>
        string.IsNullOrWhiteSpace(value) ? Problems.Invalid($"{field} ({what}) is required") : null;
}
