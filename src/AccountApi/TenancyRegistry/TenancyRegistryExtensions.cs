using Microsoft.Extensions.Options;

namespace AccountApi.TenancyRegistry;

internal static class TenancyRegistryExtensions
{
    /// <summary>The tenancy registry (<c>TenancyRegistry</c> section): SQLite by default or PostgreSQL, loaded at start and kept in step.</summary>
    public static IHostApplicationBuilder AddTenancyRegistry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TenancyRegistryOptions>().BindConfiguration(TenancyRegistryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenancyRegistryOptions>, TenancyRegistryOptionsValidator>();
        services.AddSingleton<ITenancyRegistryStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TenancyRegistryOptions>>().Value;
            return options.PostgreSql is { } connectionString
                ? new PostgreSqlTenancyRegistryStore(connectionString)
                : new SqliteTenancyRegistryStore(Path.Combine(provider.GetRequiredService<IHostEnvironment>().ContentRootPath, options.Sqlite));
        });
        services.AddSingleton<TenancyRegistryService>();
        services.AddHostedService(provider => provider.GetRequiredService<TenancyRegistryService>());
        return builder;
    }
}
