using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.Authentication;

/// <summary>
/// Runs after JwtBearer's own post-configuration (which settles the metadata address and the back-channel) and puts
/// the authority's metadata behind <see cref="BoundedConfigurationManager"/> and <see cref="AuthorityHealth"/>.
/// </summary>
internal sealed class ConfigureAuthorityMetadata(IOptions<AzureAdOptions> azureAd, AuthorityHealth health, TimeProvider time)
    : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme || string.IsNullOrEmpty(options.MetadataAddress) || options.Backchannel is null)
        {
            return;
        }

        var retriever = new MonitoredDocumentRetriever(
            new HttpDocumentRetriever(options.Backchannel) { RequireHttps = options.RequireHttpsMetadata }, health);
        var inner = new ConfigurationManager<OpenIdConnectConfiguration>(options.MetadataAddress, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            RefreshInterval = options.RefreshInterval,
            AutomaticRefreshInterval = options.AutomaticRefreshInterval,
        };
        options.ConfigurationManager = new BoundedConfigurationManager(inner, azureAd.Value.MetadataTimeout, time, health);
    }
}
