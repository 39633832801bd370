using System.Text;

namespace CommitteeGrid.Browser.Tests.Infrastructure;

/// <summary>One block of a server-sent event stream: an event, or only a comment / retry field.</summary>
public sealed record ServerEvent(string? Id, string? Event, string? Data, string? Comment, string? Retry);

/// <summary>Reads a text/event-stream response block by block, as EventSource would.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<EventStream> Open(HttpClient http, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        return new EventStream(response, reader);
    }

    /// <summary>The next block, or a failure when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ServerEvent> Next(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? id = null, name = null, data = null, comment = null, retry = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no server-sent event within {timeout}");
            }

            if (line is null)
            {
                throw new EndOfStreamException("the event stream ended");
            }

            if (line.Length == 0)
            {
                return new ServerEvent(id, name, data, comment, retry);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "": comment = value; break;
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
                case "retry": retry = value; break;
            }
        }
    }

    /// <summary>The next block that is a named event, skipping comments and retry fields.</summary>
    public async Task<ServerEvent> NextEvent(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var next = await Next(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            if (next.Event is not null)
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
