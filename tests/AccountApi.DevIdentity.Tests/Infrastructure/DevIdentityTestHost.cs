using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>
/// A minimal WebApplication on a TestServer at the provider's development address with the provider added and mapped
/// (at the root unless a prefix is given), a recording revocation sink, a <see cref="FakeTimeProvider"/> started at
/// the real time and a <see cref="FakeLogCollector"/>. Unless a path is given, the signing key file lives in a
/// temporary folder removed on dispose.
/// </summary>
internal sealed class DevIdentityTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownedFolder;

    private DevIdentityTestHost(WebApplication app, RecordingRevocationSink sink, FakeTimeProvider time, string? ownedFolder)
    {
        _app = app;
        _ownedFolder = ownedFolder;
        Sink = sink;
        Time = time;
        Logs = app.Services.GetFakeLogCollector();
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public RecordingRevocationSink Sink { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public static WebApplicationBuilder CreateBuilder(Dictionary<string, string?> settings, string environment = "Development")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        // Requests arrive as they would at the development host's provider origin.
        builder.WebHost.UseTestServer(server => server.BaseAddress = new Uri(DevData.BaseAddress));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    public static async Task<DevIdentityTestHost> StartAsync(
        Action<Dictionary<string, string?>>? configure = null, string? signingKeyPath = null, string? prefix = null)
    {
        string? ownedFolder = null;
        if (signingKeyPath is null)
        {
            ownedFolder = TempFolder.Create();
            signingKeyPath = Path.Combine(ownedFolder, "keys", "dev-idp-signing-keys.json");
        }

        var settings = DevData.Settings(signingKeyPath);
        configure?.Invoke(settings);
        var builder = CreateBuilder(settings);
        builder.Logging.AddFakeLogging();
        var sink = new RecordingRevocationSink();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<IAccessTokenRevocationSink>(sink);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddDevIdentityProvider();
        var app = builder.Build();
        // As the development host does: the provider at the root, with no UseCors (the provider applies its own policy).
        if (prefix is null)
        {
            app.MapDevIdentityProvider();
        }
        else
        {
            app.MapDevIdentityProvider(prefix);
        }
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // Start-up failures are what some tests expect; still remove what this host created.
            await app.DisposeAsync();
            if (ownedFolder is not null)
            {
                TempFolder.Delete(ownedFolder);
            }

            throw;
        }

        return new DevIdentityTestHost(app, sink, time, ownedFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedFolder is not null)
        {
            TempFolder.Delete(_ownedFolder);
        }
    }
}
