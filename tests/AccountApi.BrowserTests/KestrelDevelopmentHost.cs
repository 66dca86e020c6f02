using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace AccountApi.BrowserTests;

/// <summary>
/// The host as <c>dotnet run</c> starts it (Development settings, embedded identity provider), on a real Kestrel
/// port so that a browser can reach it. The API fetches the provider's keys over loopback HTTP, as in development.
/// </summary>
public sealed class KestrelDevelopmentHost : WebApplicationFactory<Program>
{
    private const string SpaClientName = "account-spa";
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("accountapi-browser-").FullName;

    public KestrelDevelopmentHost()
    {
        Port = FreeLoopbackPort();
        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseAddress => $"http://localhost:{Port}";

    /// <summary>Starts Kestrel; the page can be browsed once this returns.</summary>
    public void Start() => StartServer();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = $"{BaseAddress}/dev-idp/",
            ["DevIdentity:PublicBaseAddress"] = $"{BaseAddress}/dev-idp",
            ["DevIdentity:SigningKeyPath"] = Path.Combine(_keyDirectory, "signing-keys.json"),
            // Swagger UI's redirect on this port stands in for the registered http://localhost:5080/swagger/oauth2-redirect.html.
            [$"DevIdentity:Clients:{SpaClientName}:RedirectUris:0"] = $"{BaseAddress}/swagger/oauth2-redirect.html",
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
