using System.Globalization;
using System.Text;
using System.Text.Json;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Host.Live;

/// <summary>
/// A server-sent event stream of one unit's tally for one year: an event when the tally's version
/// changes (the first at once), a comment as heartbeat, until the client goes or the host stops.
/// The unit's grain is read on a short timer rather than observed: a read is cheap and works from
/// any silo, and a version that only grows makes "changed" a comparison of two numbers.
/// </summary>
internal sealed class TallyEventStream(NetworkUnit unit, int year) : IResult
{
    public const string EventName = "tally";

    public async Task ExecuteAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<LiveOptions>>().Value;
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var clock = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<TallyEventStream>>();
        var grain = services.GetRequiredService<IGrainFactory>().UnitGrain(unit.Kind, unit.Code);
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = done.Token;

        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // Tells nginx-style proxies not to hold events back in a buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // A reconnecting browser says which version it last saw; nothing is resent if that is still current.
        var sent = LastEventId(http.Request);
        var quietSince = clock.GetUtcNow();
        using var timer = new PeriodicTimer(options.PollInterval, clock);
        try
        {
            await Write(response, $"retry: {(long)options.Retry.TotalMilliseconds}\n\n", ct);
            do
            {
                var tally = await Read(grain, logger, ct);
                if (tally is not null && tally.Version != sent)
                {
                    var data = JsonSerializer.Serialize(UnitEndpoints.WithZeros(tally), json);
                    await Write(response, $"id: {tally.Version}\nevent: {EventName}\ndata: {data}\n\n", ct);
                    sent = tally.Version;
                    quietSince = clock.GetUtcNow();
                }
                else if (clock.GetUtcNow() - quietSince >= options.Heartbeat)
                {
                    await Write(response, ": keep-alive\n\n", ct);
                    quietSince = clock.GetUtcNow();
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away or the host is stopping: the stream simply ends.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private async Task<UnitTally?> Read(Abstractions.Grains.IRollupUnitGrain grain, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await grain.GetTally(year).WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A silo in transit: the next tick tries again, and the page keeps what it shows.
            logger.LogDebug(ex, "Live read of {Unit} failed", unit.Code);
            return null;
        }
    }

    private static long? LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    private static async Task Write(HttpResponse response, string text, CancellationToken ct)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await response.Body.FlushAsync(ct);
    }
}
