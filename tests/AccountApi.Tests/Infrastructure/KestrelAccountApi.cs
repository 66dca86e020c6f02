using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.Tests.Infrastructure;

/// <summary>
/// The same host as <see cref="AccountApiFactory"/>, served by real Kestrel on a free loopback port: for what only the
/// real server shows (its own headers, its own 400 and 431 answers to malformed requests).
/// </summary>
public sealed class KestrelAccountApi : IDisposable
{
    public KestrelAccountApi()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
    }

    public AccountApiFactory Factory { get; } = new();

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Address { get; }

    /// <summary>A plain client over the network (no test-server handler) that sends <paramref name="accessToken"/> and <paramref name="tenancy"/>.</summary>
    public HttpClient CreateClient(string? accessToken, string? tenancy) =>
        new(new AccountApi.Testing.AccountHeadersHandler(accessToken, tenancy) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = Address };

    public void Dispose() => Factory.Dispose();
}
