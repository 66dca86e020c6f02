using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccountApi.Revocation;

internal static class RevocationExtensions
{
    /// <summary>
    /// The revocation store every token is checked against, from the <c>Revocation</c> section: shared through Redis
    /// when <c>Revocation:Redis</c> is set, otherwise in memory for one instance. A store registered before this call (a test's, or another shared store) takes its place.
    /// </summary>
    public static IHostApplicationBuilder AddTokenRevocation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RevocationOptions>()
            .BindConfiguration(RevocationOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RevocationOptions>, RevocationOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{RevocationOptions.SectionName}:{nameof(RevocationOptions.Redis)}"]))
        {
            AddRedisStore(services);
        }

        services.TryAddSingleton<ITokenRevocationStore, InMemoryTokenRevocationStore>();
        return builder;
    }

    // A method of its own, never inlined: compiling it loads the Redis client, which an instance without Redis never
    // loads (about 2 MB resident).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddRedisStore(IServiceCollection services)
    {
        // Loaded before the server takes requests (hosted services start first) and kept up to date from then on.
        services.AddSingleton<RedisTokenRevocationStore>();
        services.AddHostedService(provider => provider.GetRequiredService<RedisTokenRevocationStore>());
        services.TryAddSingleton<ITokenRevocationStore>(provider => provider.GetRequiredService<RedisTokenRevocationStore>());
    }
}
