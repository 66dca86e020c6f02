using AccountApi.DevHost;
using Microsoft.AspNetCore.Connections;

namespace AccountApi.TestInfrastructure;

/// <summary>
/// The development host as <c>dotnet run --project src/AccountApi.DevHost</c> starts it (Development settings, the
/// API over http, the provider at the root of its own https origin with the ASP.NET Core development certificate),
/// on free loopback ports and with a throw-away signing key. Clients trust exactly the host's certificate.
/// </summary>
public class DevHostFixture : IAsyncLifetime
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("accountapi-devhost-").FullName;
    private DevelopmentHost? _host;

    public DevelopmentHost Host => _host ?? throw new InvalidOperationException("The development host has not started.");

    /// <summary>The API's base address without a trailing slash, e.g. <c>http://localhost:41234</c>.</summary>
    public string ApiBase => Host.ApiAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The provider's origin, e.g. <c>https://localhost:41235</c>.</summary>
    public string ProviderBase => Host.IdentityProviderAddress.GetLeftPart(UriPartial.Authority);

    public virtual async Task InitializeAsync()
    {
        // The provider's port is part of its issuer, so it must be known before it listens: take a free port, and if
        // another process takes it first (the gap between asking and binding), start again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _host = await DevelopmentHost.StartAsync(Arguments(LoopbackPorts.Free(), LoopbackPorts.Free()));
                return;
            }
            catch (IOException taken) when (attempt < 5 && taken.InnerException is AddressInUseException)
            {
            }
        }
    }

    /// <summary>An HTTP client that trusts the provider's certificate and nothing else self-signed, and never follows redirects.</summary>
    public HttpClient CreateClient(string baseAddress)
    {
        var handler = Host.Trust.CreateHandler();
        handler.AllowAutoRedirect = false;
        return new HttpClient(handler) { BaseAddress = new Uri(baseAddress) };
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_keyDirectory, recursive: true);
    }

    /// <summary>Lets a derived fixture register more (e.g. a test page's origin as a redirect URI and CORS origin).</summary>
    protected virtual void AddSettings(Dictionary<string, string> settings, int apiPort, int providerPort)
    {
    }

    private string[] Arguments(int apiPort, int providerPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["DevHost:ApiUrl"] = $"http://localhost:{apiPort}",
            ["DevIdentity:PublicBaseAddress"] = $"https://localhost:{providerPort}",
            ["DevIdentity:SigningKeyPath"] = Path.Combine(_keyDirectory, "signing-keys.json"),
            // A registry of its own, seeded from the development data: what tests onboard never reaches the next run.
            ["TenancyRegistry:Sqlite"] = Path.Combine(_keyDirectory, "tenancies.db"),
            // Swagger UI on this port stands in for the registered http://localhost:5080/swagger/oauth2-redirect.html.
            ["DevIdentity:Clients:account-spa:RedirectUris:0"] = $"http://localhost:{apiPort}/swagger/oauth2-redirect.html",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        AddSettings(settings, apiPort, providerPort);
        return ["--environment=Development", .. settings.Select(s => $"--{s.Key}={s.Value}")];
    }
}
