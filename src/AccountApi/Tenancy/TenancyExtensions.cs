using Microsoft.Extensions.Options;

namespace AccountApi.Tenancy;

internal static class TenancyExtensions
{
    /// <summary>The <c>Tenancies</c> section, validated at start and followed on reload.</summary>
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        // Bound without a change-token source on purpose: reloads go through TenancyStore, which keeps the last valid set
        // instead of throwing from inside the configuration reload.
        builder.Services.AddOptions<TenancyOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                foreach (var (name, definition) in TenancyOptions.Bind(configuration).Tenancies)
                {
                    options.Tenancies[name] = definition;
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TenancyOptions>, TenancyOptionsValidator>();
        builder.Services.AddSingleton<TenancyStore>();
        builder.Services.AddScoped<TenancyContext>();
        return builder;
    }

    public static IApplicationBuilder UseTenancyResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenancyResolutionMiddleware>();
}
