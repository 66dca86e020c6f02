using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace AccountApi.Authorization;

internal static class AuthorizationExtensions
{
    /// <summary>The account policy (also the fallback) and the handler that turns every refusal into a 403 problem.</summary>
    public static IHostApplicationBuilder AddAccountAuthorization(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, AccountPolicies>();
        services.AddSingleton<IAuthorizationHandler, TenancyPermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalResultHandler>();

        // ASP.NET Core registers its authorization services as transient: every request built a new evaluator, service,
        // handler provider (with a new array of handlers), context factory and policy provider. They keep no state of
        // their own, and our handlers are singletons, so one of each serves every request. A handler registered as
        // scoped later would be captured for good: scope validation, on in Development and in the tests, refuses that.
        foreach (var service in (ReadOnlySpan<Type>)[typeof(IPolicyEvaluator), typeof(IAuthorizationService), typeof(IAuthorizationHandlerProvider),
            typeof(IAuthorizationHandlerContextFactory), typeof(IAuthorizationEvaluator), typeof(IAuthorizationPolicyProvider)])
        {
            OncePerProcess(services, service);
        }

        return builder;
    }

    private static void OncePerProcess(IServiceCollection services, Type service)
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == service && !descriptor.IsKeyedService);
        if (registered.Lifetime == ServiceLifetime.Singleton)
        {
            return;
        }

        services.Remove(registered);
        services.Add(registered.ImplementationFactory is { } factory
            ? ServiceDescriptor.Singleton(service, factory)
            : ServiceDescriptor.Singleton(service, registered.ImplementationType!));
    }
}
