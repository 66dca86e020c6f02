using System.Net;
using System.Net.Sockets;
using Garnet;

namespace AccountApi.Tests.Infrastructure;

/// <summary>
/// A real RESP server in the test process: Microsoft's Garnet on a free loopback port. It can be stopped and started
/// again on the same port, as a Redis restart without persistence (it comes back empty).
/// </summary>
public sealed class InProcessRedis : IDisposable
{
    private GarnetServer? _server;

    public InProcessRedis()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    /// <summary>The <c>Revocation:Redis</c> connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        _server = new GarnetServer(["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--memory", "256m", "--page", "1m", "--index", "1m"]);
        _server.Start();
    }

    public void Stop()
    {
        _server?.Dispose();
        _server = null;
    }

    public void Dispose() => Stop();
}
