using AccountApi.DevIdentity.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.DevIdentity.Cors;

/// <summary>
/// The CORS policy of the endpoints a browser application calls with fetch (discovery, keys, token, userinfo):
/// exactly the origins of registered public clients' redirect URIs, any request header (MSAL sends its own
/// x-client-* headers), GET and POST, no credentials. Authorize, logout, the sign-in form and key rotation have
/// no policy, so browsers never let another origin read or preflight them. The policy is applied by
/// <see cref="ProviderCorsFilter"/> on each endpoint, not by endpoint CORS metadata, so the host calls no <c>UseCors()</c>.
/// </summary>
internal static class ProviderCors
{
    public const string PolicyName = "AccountApi.DevIdentity";

    public static void AddProviderCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<DevIdentityCatalog>((cors, catalog) => cors.AddPolicy(
            PolicyName, policy => policy.WithOrigins([.. PublicClientOrigins(catalog)]).AllowAnyHeader().WithMethods("GET", "POST")));
    }

    /// <summary>Applies the policy to an endpoint and lets routing send it the CORS preflights of its methods.</summary>
    public static RouteHandlerBuilder AllowPublicClientOrigins(this RouteHandlerBuilder endpoint)
    {
        endpoint.Add(builder =>
        {
            var methods = builder.Metadata.OfType<IHttpMethodMetadata>().Last().HttpMethods;
            builder.Metadata.Add(new HttpMethodMetadata(methods, acceptCorsPreflight: true));
        });
        return endpoint.AddEndpointFilter<ProviderCorsFilter>();
    }

    public static IEnumerable<string> PublicClientOrigins(DevIdentityCatalog catalog) => catalog.Clients
        .Where(client => client.IsPublic)
        .SelectMany(client => client.RedirectUris)
        .Select(uri => new Uri(uri))
        .Where(uri => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        .Select(uri => uri.GetLeftPart(UriPartial.Authority))
        .Distinct(StringComparer.OrdinalIgnoreCase);
}
