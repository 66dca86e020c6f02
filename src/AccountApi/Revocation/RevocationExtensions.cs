using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccountApi.Revocation;

internal static class RevocationExtensions
{
    /// <summary>
    /// The revocation store every token is checked against, from the <c>Revocation</c> section: in memory for one
    /// instance. A store registered before this call (a test's, or another shared store) takes its place.
    /// </summary>
    public static IHostApplicationBuilder AddTokenRevocation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RevocationOptions>()
            .BindConfiguration(RevocationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITokenRevocationStore, InMemoryTokenRevocationStore>();
        services.AddSingleton<SubjectRevoker>();
        return builder;
    }
}
