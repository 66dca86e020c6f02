using AccountApi.DevIdentity.Authorize;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Cors;
using AccountApi.DevIdentity.Discovery;
using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Graph;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Session;
using AccountApi.DevIdentity.Signing;
using AccountApi.DevIdentity.Directories;
using AccountApi.DevIdentity.Token;
using AccountApi.DevIdentity.UserInfo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AccountApi.DevIdentity;

/// <summary>Adds and maps the development identity provider, an emulation of Microsoft Entra ID v2.0.</summary>
public static class DevIdentityProviderExtensions
{
    /// <summary>
    /// Registers the provider; throws <see cref="InvalidOperationException"/> outside the Development environment (it
    /// signs users in without a password). Options are validated at start. The host must register an
    /// <see cref="IAccessTokenRevocationSink"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDevIdentityProvider(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The development identity provider runs only in the Development environment, not '{builder.Environment.EnvironmentName}': it signs users in without a password. Run with ASPNETCORE_ENVIRONMENT=Development.");
        }

        var services = builder.Services;
        services.AddOptions<DevIdentityOptions>().BindConfiguration(DevIdentityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DevIdentityOptions>, DevIdentityOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddAntiforgery();
        services.AddProviderCors();

        services.AddSingleton<DevIdentityCatalog>();
        services.AddSingleton<DirectoryResolver>();
        services.AddSingleton<ScopeParser>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<IDevSigningKeys>(sp => sp.GetRequiredService<SigningKeyStore>());
        services.AddSingleton<JwtSigner>();
        services.AddSingleton<AccessTokenFactory>();
        services.AddSingleton<IdTokenFactory>();
        services.AddSingleton<UserTokenResponder>();
        services.AddSingleton<AuthorizationCodeStore>();
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<AuthorizeRequestValidator>();
        services.AddSingleton<SignInSession>();
        services.AddSingleton<AuthorizationCodeGrantHandler>();
        services.AddSingleton<RefreshTokenGrantHandler>();
        services.AddSingleton<ClientCredentialsGrantHandler>();
        services.AddSingleton<GraphTokenValidator>();
        services.AddSingleton<SignInSessionRevocations>();
        services.AddHostedService<DevIdentityStartup>();
        return builder;
    }

    /// <summary>
    /// Maps discovery, JWKS, authorize, token, logout, userinfo and key rotation as an anonymous route group excluded
    /// from API descriptions: at the root of the origin by default, as login.microsoftonline.com serves them, or
    /// under <paramref name="prefix"/> (which must then be the path of <c>DevIdentity:PublicBaseAddress</c>).
    /// </summary>
    /// <remarks>
    /// Discovery, keys, token and userinfo answer CORS (preflight and actual requests) for the origins of public
    /// clients' redirect URIs by themselves, through ASP.NET Core's CORS service and a named policy; the host needs
    /// no <c>UseCors()</c>, and one it adds for its own endpoints does not change the provider's.
    /// </remarks>
    public static RouteGroupBuilder MapDevIdentityProvider(this IEndpointRouteBuilder endpoints, string prefix = "/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapDiscoveryEndpoints();
        group.MapAuthorizeEndpoints();
        group.MapTokenEndpoints();
        group.MapLogoutEndpoints();
        group.MapUserInfoEndpoints();
        group.MapGraphEndpoints();
        group.MapKeyEndpoints();
        return group;
    }
}
