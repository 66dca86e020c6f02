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
}
