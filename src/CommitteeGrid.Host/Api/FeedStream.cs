using System.Text;
using System.Text.Json;
using CommitteeGrid.Abstractions.Grains;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// A feed as server-sent events: first "ready" (the feed's status), then one "notification" event per
/// item with its number as the event id (so a reconnecting EventSource resumes where it stopped), and a
/// comment line whenever a long poll ends quietly, which keeps proxies from closing the connection.
/// </summary>
internal sealed class FeedStream(INotificationFeedGrain feed, long? after, TimeSpan wait, CancellationToken stopping) : IResult
{
    private const int Batch = 100;

    public async Task ExecuteAsync(HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = cancel.Token;

        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        try
        {
            // No items after long.MaxValue: just the feed's status.
            var first = await feed.Read(after: long.MaxValue, limit: 1).WaitAsync(ct);
            var last = after ?? first.LastSeq;
            await Write(response, $"retry: 2000\nevent: ready\ndata: {JsonSerializer.Serialize(new { first.Recipient, first.LastSeq, first.ReadThrough, first.Unread, After = last }, json)}\n\n", ct);

            while (!ct.IsCancellationRequested)
            {
                var page = await feed.WaitAfter(last, Batch, wait, ct).WaitAsync(ct);
                var text = new StringBuilder();
                foreach (var item in page.Items)
                {
                    text.Append($"id: {item.Seq}\nevent: notification\ndata: {JsonSerializer.Serialize(item, json)}\n\n");
                    last = item.Seq;
                }

                await Write(response, text.Length > 0 ? text.ToString() : ": keep-alive\n\n", ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away or the host is stopping.
        }
    }

    private static async Task Write(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }
}
