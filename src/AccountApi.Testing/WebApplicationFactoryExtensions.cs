using Microsoft.AspNetCore.Mvc.Testing;

namespace AccountApi.Testing;

/// <summary>Clients that call the API as a real client does, for any factory (including one from <c>WithWebHostBuilder</c>).</summary>
public static class WebApplicationFactoryExtensions
{
    /// <summary>A client that sends <c>Authorization: Bearer {accessToken}</c> and <c>X-Tenant-ID: {tenancy}</c> (each left out when null).</summary>
    public static HttpClient CreateClient<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, string? accessToken, string? tenancy)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateDefaultClient(new AccountHeadersHandler(accessToken, tenancy));
    }
}
