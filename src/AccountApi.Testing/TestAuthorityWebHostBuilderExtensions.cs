using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.Testing;

/// <summary>Points a host that runs AccountApi at a <see cref="TestAuthority"/>, for any <c>WebApplicationFactory</c>.</summary>
public static class TestAuthorityWebHostBuilderExtensions
{
    /// <summary>
    /// Sets <c>AzureAd:Instance</c> to the authority and hands JwtBearer the authority's handler as its backchannel, so
    /// the discovery document and keys come from memory and the real Microsoft.Identity.Web pipeline validates tokens.
    /// </summary>
    public static IWebHostBuilder UseTestAuthority(this IWebHostBuilder builder, TestAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(authority);
        builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection([new("AzureAd:Instance", authority.Instance)]));
        // Named options of the scheme AccountApi registers; JwtBearer builds its configuration manager from them later.
        builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.BackchannelHttpHandler = authority.Handler));
        return builder;
    }
}
