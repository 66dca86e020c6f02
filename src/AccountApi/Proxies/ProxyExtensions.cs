using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AccountApi.Proxies;

internal static class ProxyExtensions
{
    /// <summary>ForwardedHeaders trusting exactly the proxies in the <c>ForwardedHeaders</c> section, and nobody by default.</summary>
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            // The client address only: the scheme and host are the service's own, whatever a proxy says.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // Walk back through X-Forwarded-For while each hop is a configured proxy; the first other address is the client.
            forwarded.ForwardLimit = null;
            // The framework trusts loopback by default; only what is configured counts here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after it (the per-address rate limit, logs) sees the client.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>();
        // ForwardedHeaders with no known proxy at all checks no address and trusts everyone: without configured
        // proxies it must not run. Decided once, as the pipeline is built: the section is read at start only.
        return proxies.Value.IsConfigured ? app.UseForwardedHeaders() : app;
    }
}
