using Microsoft.Extensions.Options;

namespace AccountApi.Tenancy;

public static class TenancyExtensions
{
    /// <summary>The <c>Tenancies</c> section, validated at start and followed on reload.</summary>
    internal static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        // Bound without a change-token source on purpose: reloads go through TenancyStore, which keeps the last valid set
        // instead of throwing from inside the configuration reload.
        builder.Services.AddOptions<TenancyOptions>()
            .Configure<IConfiguration>(TenancySectionBinder.Bind)
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
