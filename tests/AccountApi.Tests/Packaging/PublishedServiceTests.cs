using AccountApi.Testing;

namespace AccountApi.Tests.Packaging;

/// <summary>
/// Tests of a published build run as an operator runs it: an Entra-shaped authority served over loopback http, from
/// which the service fetches discovery and keys as it would from Entra.
/// </summary>
public abstract class PublishedServiceTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LoopbackAuthority _loopback;

    protected PublishedServiceTests()
    {
        var port = LoopbackPorts.Free();
        Authority = new TestAuthority($"http://127.0.0.1:{port}/");
        _loopback = new LoopbackAuthority(Authority, port);
    }

    protected TestAuthority Authority { get; }

    public Task InitializeAsync() => _loopback.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _loopback.DisposeAsync();
        Authority.Dispose();
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
