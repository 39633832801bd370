using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Api;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Live;

/// <summary>Live tallies pushed to pages as server-sent events.</summary>
internal static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        // EventSource cannot send headers, so the stream is authorised like a page: by cookie, never by a token in the URL.
        app.MapGet("/api/units/{code}/live", (string code, string? year, NetworkCatalog catalog, TimeProvider clock) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (y, badYear) = YearParam.Parse(year, clock);
            return badYear ?? new TallyEventStream(unit, y);
        })
        .WithTags("Network")
        .WithName("WatchUnit")
        .WithSummary("The unit's tally for a year as server-sent events: an event named \"tally\" whenever its version changes")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
        .RequireAccess("unit.live");
    }
}
