using AccountApi.DevIdentity;

namespace AccountApi.DevHost.Composition;

/// <summary>
/// The API's authority and application id are the provider's registration of it, stated once (<c>DevIdentity</c>)
/// and derived here, so that the two sides cannot disagree: <c>AzureAd:Instance</c> is the provider's public address
/// and <c>AzureAd:ClientId</c> the application the provider issues tokens for; <c>Revocation:Graph:BaseUrl</c> is the
/// provider's emulation of Microsoft Graph.
/// </summary>
internal static class ApiRegistration
{
    public static IConfigurationBuilder AddApiRegistrationOfProvider(this IConfigurationBuilder configuration, IConfiguration settings)
    {
        var provider = settings.GetSection(DevIdentityOptions.SectionName);
        return configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = provider["PublicBaseAddress"] is { } address ? address.TrimEnd('/') + "/" : null,
            ["AzureAd:ClientId"] = provider["Api:ClientId"],
            // The provider answers the one Graph call the service makes (revokeSignInSessions) at its own address.
            ["Revocation:Graph:BaseUrl"] = provider["PublicBaseAddress"] is { } graph ? graph.TrimEnd('/') + "/v1.0" : null,
        });
    }
}
