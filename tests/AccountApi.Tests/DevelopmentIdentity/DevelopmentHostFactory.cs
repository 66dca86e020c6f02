using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.Tests.DevelopmentIdentity;

/// <summary>
/// The host as <c>dotnet run</c> starts it (Development, appsettings.Development.json, embedded identity provider),
/// except for its address and a throw-away signing key. The API fetches the provider's discovery document and JWKS
/// over HTTP through the test server, exactly as it does over loopback in development.
/// </summary>
public sealed class DevelopmentHostFactory : WebApplicationFactory<Program>
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("accountapi-dev-idp-").FullName;

    public string SigningKeyPath => Path.Combine(_keyDirectory, "signing-keys.json");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "http://localhost/dev-idp/",
            ["DevIdentity:PublicBaseAddress"] = "http://localhost/dev-idp",
            ["DevIdentity:SigningKeyPath"] = SigningKeyPath,
        }));
        builder.ConfigureTestServices(services => services
            .AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServer>((options, server) => options.BackchannelHttpHandler = ((TestServer)server).CreateHandler()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }
}
