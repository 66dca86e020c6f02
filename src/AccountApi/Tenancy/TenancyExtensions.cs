using Microsoft.Extensions.Options;

namespace AccountApi.Tenancy;

public static class TenancyExtensions
{
    /// <summary>
    /// The tenancies in force (kept in step with the registry by <c>TenancyRegistry/</c>), and the <c>Tenancies</c>
    /// section, the registry's seed, validated at start.
    /// </summary>
    internal static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenancyOptions>()
            .Configure<IConfiguration>(TenancyOptions.Bind)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TenancyOptions>, TenancyOptionsValidator>();
        builder.Services.AddSingleton<TenancyStore>();
        builder.Services.AddSingleton<AdmittedDirectories>();
        return builder;
    }

    internal static IApplicationBuilder UseTenancyResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenancyResolutionMiddleware>();

    /// <summary>The endpoints need a valid token but no tenancy: <c>X-Tenant-ID</c> is neither read nor required.</summary>
    public static TBuilder WithoutTenancy<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new WithoutTenancyAttribute());
}
