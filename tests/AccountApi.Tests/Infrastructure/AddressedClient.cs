using System.Net;
using AccountApi.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccountApi.Tests.Infrastructure;

/// <summary>Clients whose requests reach the host from a given address, as Kestrel would report the connection's peer.</summary>
public static class AddressedClient
{
    /// <summary>A client connecting from <paramref name="address"/> that sends <paramref name="accessToken"/> and <paramref name="tenancy"/>.</summary>
    public static HttpClient CreateClientFrom(this WebApplicationFactory<Program> host, string address, string? accessToken, string? tenancy)
    {
        var peer = IPAddress.Parse(address);
        var handler = new AccountHeadersHandler(accessToken, tenancy)
        {
            InnerHandler = host.Server.CreateHandler(context => context.Connection.RemoteIpAddress = peer),
        };
        return new HttpClient(handler) { BaseAddress = host.Server.BaseAddress };
    }
}
