using System.Net;

namespace CommitteeGrid.Bench;

/// <summary>The HTTP client the closed-loop runs drive a silo with: a connection for every client and a few to spare, kept for the whole run.</summary>
public static class LoadClient
{
    public static HttpClient Create(string url, int workers, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = workers + 4,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = new Uri(url),
        Timeout = timeout,
    };
}
