using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;

namespace AccountApi.Authentication;

internal static class AuthenticationExtensions
{
    /// <summary>Entra ID bearer tokens through Microsoft.Identity.Web and JwtBearer, configured from the <c>AzureAd</c> section.</summary>
    public static IHostApplicationBuilder AddEntraIdAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AzureAdOptions>()
            .BindConfiguration(AzureAdOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureAdOptions>, AzureAdOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // Identity.Web post-configures these options after this step (see ConfigureEntraIdJwtBearer); it checks every
        // token against the ITokenRevocationStore that AddTokenRevocation registers.
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureEntraIdJwtBearer>();

        // Identity.Web gets its settings from the validated AzureAdOptions, never from a second reading of the section.
        services.AddOptions<MicrosoftIdentityApplicationOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AzureAdOptions>>((identity, azureAd) =>
            {
                identity.Instance = azureAd.Value.NormalizedInstance;
                identity.TenantId = azureAd.Value.TenantId;
                identity.ClientId = azureAd.Value.ClientId;
                identity.Audience = azureAd.Value.Audience;
            });

        // The full pipeline; the default scheme in front of it is the validated-token cache's (AddValidatedTokenCache).
        services.AddAuthentication()
            .AddMicrosoftIdentityWebApiAot(static _ => { }, JwtBearerDefaults.AuthenticationScheme, configureJwtBearerOptions: null);
        // Identity.Web registers an IHttpContextAccessor for acquiring tokens on a caller's behalf, which this service
        // never does. Where one is registered, the host sets it (an AsyncLocal) on every request and builds a new
        // HttpContext for every request instead of reusing the connection's; nothing here reads it.
        services.RemoveAll<IHttpContextAccessor>();

        // After JwtBearer's own post-configuration: the authority's metadata with a bounded wait and an outage state.
        services.AddSingleton<AuthorityHealth>();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, ConfigureAuthorityMetadata>();
        // The metadata fetched in the background as the host starts, so that the first request does not wait for it.
        services.AddHostedService<AuthorityMetadataWarmUp>();
        return builder;
    }
}
