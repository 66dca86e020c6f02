using AccountApi.DevIdentity;

namespace AccountApi.DevelopmentIdentity;

internal static class DevelopmentIdentityExtensions
{
    /// <summary>
    /// The embedded Entra ID emulator, when <c>DevIdentity:Enabled</c> is true. It refuses to start outside
    /// Development; <c>appsettings.json</c> (Production) never mentions it.
    /// </summary>
    public static IHostApplicationBuilder AddDevelopmentIdentity(this IHostApplicationBuilder builder)
    {
        builder.AddDevIdentityProvider();
        builder.Services.AddSingleton<IAccessTokenRevocationSink, RevocationStoreSink>();
        return builder;
    }

    /// <summary>Maps the provider under <c>/dev-idp</c> (public: no token, no tenancy); nothing when it is off.</summary>
    public static IEndpointRouteBuilder MapDevelopmentIdentity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDevIdentityProvider("/dev-idp");
        return endpoints;
    }
}
