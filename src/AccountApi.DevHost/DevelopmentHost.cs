using System.Net;
using System.Security.Cryptography.X509Certificates;
using AccountApi.Authentication;
using AccountApi.Hosting;
using AccountApi.Revocation;
using AccountApi.SignInSessions;
using AccountApi.DevHost.Certificates;
using AccountApi.DevHost.Composition;
using AccountApi.DevIdentity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AccountApi.DevHost;

/// <summary>
/// The service and the development identity provider, each a web application of its own in one process: the API as
/// it ships (http://localhost:5080 by default) and the provider at the root of its own https origin
/// (https://localhost:5443), like login.microsoftonline.com. Both read the same configuration: the service's
/// appsettings.json and this project's appsettings.Development.json.
/// </summary>
public sealed class DevelopmentHost : IAsyncDisposable
{
    private DevelopmentHost(WebApplication api, WebApplication identityProvider, DevHostAddresses addresses, CertificateTrust trust)
    {
        Api = api;
        IdentityProvider = identityProvider;
        ApiAddress = addresses.Api;
        IdentityProviderAddress = addresses.IdentityProvider;
        Trust = trust;
    }

    /// <summary>The service, exactly as <c>AccountApi</c>'s Program composes it.</summary>
    public WebApplication Api { get; }

    public WebApplication IdentityProvider { get; }

    public Uri ApiAddress { get; }

    public Uri IdentityProviderAddress { get; }

    /// <summary>The HTTPS certificate the provider serves, and how clients trust it.</summary>
    public CertificateTrust Trust { get; }

    /// <summary>
    /// Builds and starts both applications. <paramref name="args"/> are the usual command-line arguments and
    /// configuration overrides (<c>--environment</c>, <c>--DevHost:ApiUrl=…</c>); start-up stops with a message that
    /// names the key to fix when a setting is wrong or the API's and the provider's settings disagree.
    /// </summary>
    public static async Task<DevelopmentHost> StartAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var apiBuilder = CreateBuilder(args);
        if (!apiBuilder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The development host runs only in the Development environment, not '{apiBuilder.Environment.EnvironmentName}': its identity provider signs users in without a password. Start it with 'dotnet run --project src/AccountApi.DevHost' (the launch profile sets ASPNETCORE_ENVIRONMENT=Development); deploy src/AccountApi instead.");
        }

        var addresses = DevHostAddresses.Read(apiBuilder.Configuration);
        var certificate = DevelopmentCertificate.LoadOrCreate();
        var trust = CertificateTrust.Export(certificate, addresses.CertificateDirectory);

        // Last, so that the API's authority and audience are the provider's whatever else the settings say.
        apiBuilder.Configuration.AddApiRegistrationOfProvider(apiBuilder.Configuration);
        apiBuilder.AddAccountApi();
        // The API fetches the provider's discovery document and keys over https, trusting exactly its certificate.
        apiBuilder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            options.BackchannelHttpHandler = trust.CreateHandler());
        // So does the operator route's call to the provider's Graph (token request and revokeSignInSessions).
        apiBuilder.Services.AddHttpClient(SignInSessionOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(trust.CreateHandler);
        apiBuilder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, addresses.Api, certificate: null));
        var api = apiBuilder.Build();
        api.UseAccountApi();

        var providerBuilder = CreateBuilder(args);
        providerBuilder.AddDevIdentityProvider();
        providerBuilder.Services.AddSingleton<IAccessTokenRevocationSink>(
            new RevocationStoreSink(api.Services.GetRequiredService<ITokenRevocationStore>()));
        providerBuilder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, addresses.IdentityProvider, certificate));
        var provider = providerBuilder.Build();
        provider.MapDevIdentityProvider();

        var host = new DevelopmentHost(api, provider, addresses, trust);
        try
        {
            ProviderCoverage.Check(
                api.Services.GetRequiredService<IOptions<AzureAdOptions>>().Value,
                provider.Services.GetRequiredService<IOptions<DevIdentityOptions>>().Value,
                api.Configuration);
            // Before either starts, so that a bad setting is one line, not "Hosting failed to start" with a stack trace.
            provider.Services.ValidateConfiguration();
            api.Services.ValidateConfiguration();
            await provider.StartAsync(cancellationToken).ConfigureAwait(false);
            await api.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        api.Services.GetRequiredService<ILogger<DevelopmentHost>>().Started(addresses.Api, addresses.IdentityProvider, trust.Instructions);
        return host;
    }

    /// <summary>Completes when either application stops (Ctrl+C stops both).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAny(Api.WaitForShutdownAsync(cancellationToken), IdentityProvider.WaitForShutdownAsync(cancellationToken)).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync().ConfigureAwait(false);
        await IdentityProvider.DisposeAsync().ConfigureAwait(false);
        Trust.Certificate.Dispose();
    }

    // Both applications read this project's output folder, where the service's appsettings.json and this project's
    // appsettings.Development.json are copied, whatever the working directory.
    private static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

    private static void Listen(KestrelServerOptions kestrel, Uri address, X509Certificate2? certificate)
    {
        void Configure(ListenOptions listen)
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }

        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(address.IdnHost), address.Port, Configure);
        }
    }
}
