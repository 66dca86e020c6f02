using AccountApi.Authentication;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AccountApi.RateLimiting;

/// <summary>
/// The rate limits, each at its own place in the pipeline (docs/security-model.md, "Request pipeline"): per address
/// and per IPv6 /48 before the token is validated, per caller (and per operator on operator routes) once it is, per
/// tenancy once it is permitted. Each step is one look-up and one compare-and-swap per tier
/// (<see cref="FixedWindowBudget{TKey}"/>); a validated caller's partitions are kept with its facts, so the requests of a
/// cached token skip the look-up.
/// </summary>
internal static class RateLimitingExtensions
{
    /// <summary>The <c>RateLimits</c> section, validated at start, and the budgets of every tier.</summary>
    public static IHostApplicationBuilder AddAccountRateLimits(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<RateLimitRejection>();
        services.AddSingleton<RateLimitBudgets>();
        return builder;
    }

    /// <summary>Before authentication: validating a token is work an attacker can make us do, so count it by address first.</summary>
    public static IApplicationBuilder UseAddressRateLimit(this IApplicationBuilder app) =>
        app.UseStep(static (budgets, context) =>
        {
            var address = RateLimitPartitions.AddressKey(context, out var site);
            if (!budgets.PerAddress.TryTake(address, out var retryAfter))
            {
                return new("per-address", retryAfter);
            }

            return site is { } network && !budgets.PerNetwork.TryTake(network, out retryAfter) ? new("per-network", retryAfter) : null;
        });

    /// <summary>After authentication: every request of a validated caller, refused or not; an operator's route again, strictly.</summary>
    public static IApplicationBuilder UseCallerRateLimit(this IApplicationBuilder app) =>
        app.UseStep(static (budgets, context) =>
        {
            // Not validated: nothing in the token can be trusted; the address tier has already counted the request.
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return null;
            }

            var caller = ValidatedCaller.Of(context.User);
            if (!budgets.PerCaller.TryTake(caller.RateLimitPartition, ref caller.PerCallerBudget, out var retryAfter))
            {
                return new("per-caller", retryAfter);
            }

            return context.GetEndpoint()?.Metadata.GetMetadata<OperatorRouteAttribute>() is not null
                && !budgets.PerOperator.TryTake(caller.RateLimitPartition, ref caller.PerOperatorBudget, out retryAfter)
                ? new("per-operator", retryAfter)
                : null;
        });

    /// <summary>After authorization: a tenancy is charged only for callers it admits, so no one can spend another's budget.</summary>
    public static IApplicationBuilder UseTenancyRateLimit(this IApplicationBuilder app) =>
        app.UseStep(static (budgets, context) =>
            TenancyContext.Of(context) is { IsPermitted: true, Tenancy: { } permitted } && !budgets.PerTenancy.TryTake(permitted.Name, out var retryAfter)
                ? new("per-tenancy", retryAfter)
                : null);

    // An endpoint marked DisableRateLimiting (the health probes) is never counted.
    private static IApplicationBuilder UseStep(this IApplicationBuilder app, Func<RateLimitBudgets, HttpContext, RateLimitRefusal?> take)
    {
        var budgets = app.ApplicationServices.GetRequiredService<RateLimitBudgets>();
        var rejection = app.ApplicationServices.GetRequiredService<RateLimitRejection>();
        return app.Use(next => context =>
            context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null && take(budgets, context) is { } refused
                ? rejection.WriteAsync(context, refused)
                : next(context));
    }
}

/// <summary>Which tier's budget is spent, and when its window ends.</summary>
internal readonly record struct RateLimitRefusal(string Tier, TimeSpan RetryAfter);
