using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AccountApi.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on a free loopback port in front of one server, to break one client's connection to it the ways networks
/// do: <see cref="Cut"/> drops every connection and refuses new ones (a partition), <see cref="HoldSubscriptions"/> keeps
/// the subscription connections open but delivers nothing on them (a silent stall that no socket error reveals).
/// </summary>
public sealed class LoopbackTcpProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopped = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private volatile bool _cut;
    private volatile TaskCompletionSource _released = Released();

    public LoopbackTcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Drops every connection, and every new one at once, until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var link in _links.Keys)
        {
            link.Dispose();
        }
    }

    /// <summary>Holds back what the server sends on connections that subscribed, until <see cref="Restore"/>.</summary>
    public void HoldSubscriptions() => _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Restore()
    {
        _cut = false;
        _released.TrySetResult();
    }

    public void Dispose()
    {
        _stopped.Cancel();
        _listener.Stop();
        Cut();
        _released.TrySetResult();
        _stopped.Dispose();
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private async Task AcceptAsync()
    {
        while (!_stopped.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopped.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            var link = new Link(client, server);
            _links[link] = 0;
            _ = RunAsync(link);
        }
    }

    private async Task RunAsync(Link link)
    {
        using (link)
        {
            await Task.WhenAny(PumpAsync(link, toServer: true), PumpAsync(link, toServer: false));
        }

        _links.TryRemove(link, out _);
    }

    private async Task PumpAsync(Link link, bool toServer)
    {
        var from = (toServer ? link.Client : link.Server).GetStream();
        var to = (toServer ? link.Server : link.Client).GetStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                if (toServer && !link.Subscribed && Encoding.ASCII.GetString(buffer, 0, read).Contains("SUBSCRIBE", StringComparison.OrdinalIgnoreCase))
                {
                    link.Subscribed = true;
                }

                if (!toServer && link.Subscribed)
                {
                    await _released.Task;
                }

                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The other side or Cut closed it.
        }
    }

    private sealed class Link(TcpClient client, TcpClient server) : IDisposable
    {
        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        public bool Subscribed { get; set; }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
