using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AccountApi.TestInfrastructure;

public static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on now (another process may still take it before the caller binds it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A free loopback port below the kernel's ephemeral range, for a server that is stopped and started again on the
    /// same port: a port from <see cref="Free"/> can meanwhile become the local port of any outgoing connection, and a
    /// server that then cannot bind it may start without it (PostgreSQL does, on its Unix socket alone).
    /// </summary>
    public static int FreeForRestarts()
    {
        var ephemeralStart = 32768;
        if (File.Exists("/proc/sys/net/ipv4/ip_local_port_range")
            && File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) is [var low, ..])
        {
            ephemeralStart = int.Parse(low, CultureInfo.InvariantCulture);
        }

        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(Math.Min(10_000, ephemeralStart - 1000), ephemeralStart);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
            }
        }
    }
}
