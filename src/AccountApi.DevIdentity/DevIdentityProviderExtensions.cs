using AccountApi.DevIdentity.Authorize;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Cors;
using AccountApi.DevIdentity.Discovery;
using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Session;
using AccountApi.DevIdentity.Signing;
using AccountApi.DevIdentity.Tenancy;
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
    private const string EnabledKey = DevIdentityEnvironmentGuard.EnabledKey;

    /// <summary>
    /// Registers the provider when <c>DevIdentity:Enabled</c> is true. Does nothing when it is false; throws
    /// <see cref="InvalidOperationException"/> when it is true outside the Development environment. Options are
    /// validated at start. The host must register an <see cref="IAccessTokenRevocationSink"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDevIdentityProvider(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Always registered: re-checks the switch at start against the final configuration.
        services.AddOptions<DevIdentitySwitch>().BindConfiguration(DevIdentityOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DevIdentitySwitch>, DevIdentityEnvironmentGuard>());

        var enabled = builder.Configuration[EnabledKey];
        if (string.IsNullOrEmpty(enabled))
        {
            return builder;
        }

        if (!bool.TryParse(enabled, out var isEnabled))
        {
            throw new InvalidOperationException($"{EnabledKey} must be true or false, not '{enabled}'.");
        }

        if (!isEnabled)
        {
            return builder;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(DevIdentityEnvironmentGuard.OutsideDevelopment(builder.Environment.EnvironmentName));
        }

        services.AddOptions<DevIdentityOptions>().BindConfiguration(DevIdentityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DevIdentityOptions>, DevIdentityOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddAntiforgery();
        services.AddProviderCors();

        services.AddSingleton<DevIdentityMarker>();
        services.AddSingleton<DevIdentityCatalog>();
        services.AddSingleton<TenantResolver>();
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
        services.AddHostedService<DevIdentityStartup>();
        return builder;
    }

    /// <summary>
    /// Maps discovery, JWKS, authorize, token, logout, userinfo and key rotation as an anonymous route group excluded
    /// from API descriptions: at the root of the origin by default, as login.microsoftonline.com serves them, or
    /// under <paramref name="prefix"/> (which must then be the path of <c>DevIdentity:PublicBaseAddress</c>).
    /// Returns null (and maps nothing) when the provider was not added.
    /// </summary>
    /// <remarks>
    /// Discovery, keys, token and userinfo answer CORS (preflight and actual requests) for the origins of public
    /// clients' redirect URIs by themselves, through ASP.NET Core's CORS service and a named policy; the host needs
    /// no <c>UseCors()</c>, and one it adds for its own endpoints does not change the provider's.
    /// </remarks>
    public static RouteGroupBuilder? MapDevIdentityProvider(this IEndpointRouteBuilder endpoints, string prefix = "/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<DevIdentityMarker>() is null)
        {
            return null;
        }

        var group = endpoints.MapGroup(prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapDiscoveryEndpoints();
        group.MapAuthorizeEndpoints();
        group.MapTokenEndpoints();
        group.MapLogoutEndpoints();
        group.MapUserInfoEndpoints();
        group.MapKeyEndpoints();
        return group;
    }
}
