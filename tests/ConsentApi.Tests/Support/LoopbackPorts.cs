using System.Net;
using System.Net.Sockets;

namespace ConsentApi.Tests.Support;

/// <summary>
/// Loopback ports for hosts whose address must be known before they start (the registry's issuer, the portal's
/// callback, a PostgreSQL cluster). A port the system hands out for port 0 and takes back can meanwhile become the local
/// end of any outgoing connection, and then the host fails with "address already in use" (it happened in CI). Ports
/// below the system's ephemeral range are never handed out so; each caller in the process takes the next one up from
/// a random start, skipping any a listener already holds. Linked into the portal's tests as well.
/// </summary>
internal static class LoopbackPorts
{
    private static int next = Math.Max(1024, EphemeralLow() - 12000) + Random.Shared.Next(10000);

    public static int Next()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref next);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                // Held by another listener; the next one up.
            }
        }
    }

    private static int EphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split('\t', ' ')[0], out var low) ? low : 32768;
    }
}
