using System.Net;
using System.Net.Sockets;

namespace CommitteeGrid.Bench;

/// <summary>
/// Loopback ports nobody listens on, never the same one twice in this process: silos started side by
/// side each take three, and a port the OS has just handed one of them (and released again, as it is
/// only probed) could otherwise come back for the next, which then fails to bind.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int[] Take(int count)
    {
        lock (Given)
        {
            var ports = new List<int>(count);
            var listeners = new List<TcpListener>();
            try
            {
                while (ports.Count < count)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    listeners.Add(listener);
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    if (Given.Add(port))
                    {
                        ports.Add(port);
                    }
                }
            }
            finally
            {
                foreach (var listener in listeners)
                {
                    listener.Stop();
                }
            }

            return [.. ports];
        }
    }
}
