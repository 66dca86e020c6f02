using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using AccountApi.Telemetry;
using AccountApi.Tenancy;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authentication;

/// <summary>
/// Microsoft.Identity.Web registers an <see cref="IHttpContextAccessor"/> for token acquisition, which this service
/// does not do. With one registered, the host builds a new HttpContext for every request and sets the accessor's
/// AsyncLocal; without it, Kestrel reuses the connection's context. The service removes it.
/// </summary>
public sealed class HttpContextReuseTests
{
    [Fact]
    public void TheServiceRegistersNoHttpContextAccessor()
    {
        using var factory = new AccountApiFactory();

        Assert.Null(factory.Services.GetService<IHttpContextAccessor>());
    }

    [Fact]
    public async Task RequestsOnOneConnection_ShareTheConnectionsHttpContext_AndAreAnsweredAsBefore()
    {
        var contexts = new ConcurrentQueue<HttpContext>();
        using var root = new AccountApiFactory();
        using var factory = root.WithWebHostBuilder(builder => builder.ConfigureServices(
            services => services.AddSingleton<IStartupFilter>(new RecordingFilter(contexts))));
        factory.UseKestrel(0);
        factory.StartServer();
        await factory.Services.GetRequiredService<TenancyStore>().Loaded.WaitAsync(TimeSpan.FromSeconds(30));
        using var validations = new MetricCollector<double>(
            factory.Services.GetRequiredService<IMeterFactory>(), AccountMetrics.MeterName, "accountapi.token.validation.duration");
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new HttpClient(new AccountApi.Testing.AccountHeadersHandler(root.Authority.Sign(ContosoUser), "contoso")
        {
            InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 },
        }) { BaseAddress = address };

        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/account/me");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(4, contexts.Count);
        Assert.Single(contexts.Distinct(ReferenceEqualityComparer.Instance));
        // Nothing one request records on the context outlives it: the first uses' cache misses do not make the token a
        // miss for the requests after them, which the cache serves.
        Assert.Equal(
            [TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached, TokenValidationPaths.Cached],
            validations.GetMeasurementSnapshot().Select(measurement => (string)measurement.Tags[AccountMetrics.PathTag]!));
    }

    private sealed class RecordingFilter(ConcurrentQueue<HttpContext> contexts) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                contexts.Enqueue(context);
                return following(context);
            });
            next(app);
        };
    }
}
