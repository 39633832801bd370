using System.Net;
using System.Net.Sockets;
using System.Text;
using CommitteeGrid.Domain.Notifications;
using CommitteeGrid.Grains.Notifications;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Host.Notifications;

/// <summary>
/// Webhook attempts over HTTP: a pooled client from IHttpClientFactory, no redirects (a redirect could
/// lead anywhere), and a connect step that refuses forbidden addresses after name resolution, so a name
/// that resolves to 169.254.169.254 is refused like the literal address.
/// </summary>
public sealed class HttpWebhookTransport(IHttpClientFactory clients) : IWebhookTransport
{
    public const string ClientName = "webhooks";

    public async Task<WebhookResponse> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return new WebhookResponse((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new WebhookResponse(null, "no answer within the timeout");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message);
        }
    }

    /// <summary>Registers the named client: timeout from WebhookOptions, the guarded connect step.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddHttpClient(ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    ConnectTimeout = options.Timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => Connect(context.DnsEndPoint, options.RefusePrivateTargets, ct),
                };
            });
    }

    private static async ValueTask<Stream> Connect(DnsEndPoint endpoint, bool refusePrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = addresses.Where(a => !WebhookTargets.IsForbidden(a, refusePrivate)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} resolves only to addresses webhooks may not be sent to");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
