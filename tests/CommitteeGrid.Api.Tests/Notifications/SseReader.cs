using System.Text;
using System.Text.Json.Nodes;

namespace CommitteeGrid.Api.Tests.Notifications;

/// <summary>Reads a text/event-stream response event by event, as a browser's EventSource would.</summary>
public sealed class SseReader(HttpResponseMessage response) : IAsyncDisposable
{
    private StreamReader? _reader;

    /// <summary>Comment lines seen so far (keep-alives).</summary>
    public int Comments { get; private set; }

    /// <summary>The next event, or null when the deadline passes or the stream ends first.</summary>
    public async Task<SseEvent?> Next(TimeSpan timeout)
    {
        _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        using var cancel = new CancellationTokenSource(timeout);
        string? name = null, id = null;
        var data = new StringBuilder();
        try
        {
            while (await _reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name is not null || data.Length > 0)
                    {
                        return new SseEvent(name ?? "message", id, data.ToString());
                    }

                    continue;
                }

                if (line.StartsWith(':'))
                {
                    Comments++;
                    continue;
                }

                var colon = line.IndexOf(':');
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
                switch (field)
                {
                    case "event":
                        name = value;
                        break;
                    case "id":
                        id = value;
                        break;
                    case "data":
                        data.Append(data.Length > 0 ? "\n" : "").Append(value);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    /// <summary>Reads until an event of this name arrives (null at the deadline).</summary>
    public async Task<SseEvent?> NextNamed(string name, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var next = await Next(deadline - DateTimeOffset.UtcNow);
            if (next is null || next.Name == name)
            {
                return next;
            }
        }

        return null;
    }

    public ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed record SseEvent(string Name, string? Id, string Data)
{
    public JsonNode Json => JsonNode.Parse(Data)!;
}
