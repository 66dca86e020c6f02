using Microsoft.Identity.Client;

namespace AccountApi.DevHost.Tests.Infrastructure;

/// <summary>
/// MSAL's HTTP through a handler that trusts exactly the development certificate: what <c>SSL_CERT_FILE</c> does for
/// a separate process, without changing this test process's trust for everything else.
/// </summary>
public sealed class TrustingMsalHttpClientFactory(DevHostFixture host) : IMsalHttpClientFactory, IDisposable
{
    private readonly HttpClient _client = new(CreateHandler(host));

    public HttpClient GetHttpClient() => _client;

    public void Dispose() => _client.Dispose();

    private static SocketsHttpHandler CreateHandler(DevHostFixture host)
    {
        var handler = host.Host.Trust.CreateHandler();
        // MSAL reads the authorize redirect's Location itself.
        handler.AllowAutoRedirect = false;
        return handler;
    }
}
