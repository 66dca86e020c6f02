using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AccountApi.RateLimiting;

/// <summary>
/// ASP.NET Core's rate-limiting middleware, one per tier, each at its own place in the pipeline (docs/security-model.md,
/// "Request pipeline"): per address and per IPv6 /48 before the token is validated, per caller (and per operator on
/// operator routes) once it is, per tenancy once it is permitted.
/// </summary>
internal static class RateLimitingExtensions
{
    private static readonly Tier s_perAddress = new("per-address", RateLimitPartitions.ClientAddress, static limits => limits.PerAddress);
    private static readonly Tier s_perNetwork = new("per-network", RateLimitPartitions.ClientNetwork, static limits => limits.PerNetwork);
    private static readonly Tier s_perCaller = new("per-caller", RateLimitPartitions.Caller, static limits => limits.PerCaller);
    private static readonly Tier s_perOperator = new("per-operator", RateLimitPartitions.Operator, static limits => limits.PerOperator);
    private static readonly Tier s_perTenancy = new("per-tenancy", RateLimitPartitions.Tenancy, static limits => limits.PerTenancy);

    /// <summary>The <c>RateLimits</c> section, validated at start, and one partitioned limiter per tier.</summary>
    public static IHostApplicationBuilder AddAccountRateLimits(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<RateLimitRejection>();
        // The middleware's own services (metrics); each tier passes its limiter to UseRateLimiter itself.
        services.AddRateLimiter(static _ => { });
        foreach (var tier in (ReadOnlySpan<Tier>)[s_perAddress, s_perNetwork, s_perCaller, s_perOperator, s_perTenancy])
        {
            // Singletons, so that the host disposes them: a partitioned limiter runs a timer that evicts idle partitions.
            services.AddKeyedSingleton(tier.Name, (provider, _) => tier.CreateLimiter(provider.GetRequiredService<IOptions<RateLimitOptions>>()));
        }

        return builder;
    }

    /// <summary>Before authentication: validating a token is work an attacker can make us do, so count it by address first.</summary>
    public static IApplicationBuilder UseAddressRateLimit(this IApplicationBuilder app) => app.UseTiers(s_perAddress, s_perNetwork);

    /// <summary>After authentication: every request of a validated caller, refused or not; an operator's route again, strictly.</summary>
    public static IApplicationBuilder UseCallerRateLimit(this IApplicationBuilder app) => app.UseTiers(s_perCaller, s_perOperator);

    /// <summary>After authorization: a tenancy is charged only for callers it admits, so no one can spend another's budget.</summary>
    public static IApplicationBuilder UseTenancyRateLimit(this IApplicationBuilder app) => app.UseTiers(s_perTenancy);

    // Tiers at one place in the pipeline share one middleware, their limiters chained: a request pays the middleware's
    // own work (endpoint metadata, metrics) once, and is admitted only if every tier admits it. A rejection is reported
    // under the first tier, whose partition names the client.
    private static IApplicationBuilder UseTiers(this IApplicationBuilder app, Tier first, params ReadOnlySpan<Tier> wider)
    {
        var rejection = app.ApplicationServices.GetRequiredService<RateLimitRejection>();
        var limiter = app.ApplicationServices.GetRequiredKeyedService<PartitionedRateLimiter<HttpContext>>(first.Name);
        if (!wider.IsEmpty)
        {
            PartitionedRateLimiter<HttpContext>[] chain = [limiter, .. Limiters(app.ApplicationServices, wider)];
            limiter = PartitionedRateLimiter.CreateChained(chain);
        }

        return app.UseRateLimiter(new RateLimiterOptions
        {
            GlobalLimiter = limiter,
            // The limiter's default is 503; the client, not the service, is at fault.
            RejectionStatusCode = StatusCodes.Status429TooManyRequests,
            OnRejected = (rejected, _) => new ValueTask(rejection.WriteAsync(rejected, first.Name, first.PartitionOf(rejected.HttpContext) ?? "-")),
        });
    }

    private static List<PartitionedRateLimiter<HttpContext>> Limiters(IServiceProvider services, ReadOnlySpan<Tier> tiers)
    {
        var limiters = new List<PartitionedRateLimiter<HttpContext>>(tiers.Length);
        foreach (var tier in tiers)
        {
            limiters.Add(services.GetRequiredKeyedService<PartitionedRateLimiter<HttpContext>>(tier.Name));
        }

        return limiters;
    }

    private sealed record Tier(string Name, Func<HttpContext, string?> PartitionOf, Func<RateLimitOptions, RateLimitWindow> WindowOf)
    {
        public PartitionedRateLimiter<HttpContext> CreateLimiter(IOptions<RateLimitOptions> limits)
        {
            var window = WindowOf(limits.Value);
            var options = new FixedWindowRateLimiterOptions
            {
                PermitLimit = window.PermitLimit,
                Window = window.Window,
                // Refuse at once: a queue would hold connections open for the very clients being limited.
                QueueLimit = 0,
                // The partitioned limiter replenishes all its partitions from one timer, as GetFixedWindowLimiter arranges.
                AutoReplenishment = false,
            };

            // One factory and one "no limit" partition for every request: the limiter calls the factory only for a
            // partition it has not seen, and a delegate built per request was garbage on every other one.
            Func<string, RateLimiter> create = _ => new FixedWindowRateLimiter(options);
            var unlimited = RateLimitPartition.GetNoLimiter(string.Empty);
            return PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PartitionOf(context) is { } partition ? new RateLimitPartition<string>(partition, create) : unlimited);
        }
    }
}
