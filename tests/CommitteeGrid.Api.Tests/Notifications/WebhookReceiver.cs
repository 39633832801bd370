using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CommitteeGrid.Api.Tests.Notifications;

/// <summary>
/// A real HTTP listener on loopback standing in for another system's webhook endpoint. It records every
/// request as received and answers with the status the test's policy gives for that request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly ConcurrentDictionary<string, int> _attemptsSeen = new(StringComparer.Ordinal);
    private readonly Func<ReceivedDelivery, int, int> _answer;
    private Task? _loop;

    /// <param name="port">The loopback port to listen on.</param>
    /// <param name="answer">The status to answer, given the request and how many times its delivery id has been seen (1 = first).</param>
    private WebhookReceiver(int port, Func<ReceivedDelivery, int, int> answer)
    {
        Port = port;
        _answer = answer;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/committeegrid";

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    /// <summary>A receiver that answers 200 except for the first <paramref name="failures"/> attempts of each delivery (500).</summary>
    public static WebhookReceiver Start(int failures = 0, int? port = null)
    {
        var receiver = new WebhookReceiver(port ?? FreePort(), (_, seen) => seen <= failures ? 500 : 200);
        receiver.Listen();
        return receiver;
    }

    public static WebhookReceiver StartAlwaysFailing() =>
        StartWith((_, _) => 500);

    private static WebhookReceiver StartWith(Func<ReceivedDelivery, int, int> answer)
    {
        var receiver = new WebhookReceiver(FreePort(), answer);
        receiver.Listen();
        return receiver;
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>What was received for one report (by the payload's subjectId), in arrival order.</summary>
    public IReadOnlyList<ReceivedDelivery> For(string subjectId) =>
        [.. _received.Where(r => r.Json?["subjectId"]?.GetValue<string>() == subjectId)];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private void Listen()
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }

                await Handle(context);
            }
        });
    }

    private async Task Handle(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var delivery = new ReceivedDelivery(DateTimeOffset.UtcNow, context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "",
            context.Request.ContentType, headers, body, json);
        var seen = _attemptsSeen.AddOrUpdate(delivery.Header("X-CommitteeGrid-Delivery") ?? "", 1, (_, n) => n + 1);
        var status = _answer(delivery, seen);
        _received.Enqueue(delivery with { AnsweredWith = status });
        context.Response.StatusCode = status;
        context.Response.Close();
    }
}

public sealed record ReceivedDelivery(
    DateTimeOffset At,
    string Method,
    string Path,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    JsonNode? Json)
{
    public int AnsweredWith { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Field(string name) => Json?[name]?.GetValue<string>();
}
