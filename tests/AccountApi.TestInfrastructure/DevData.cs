using AccountApi.DevIdentity;
using Microsoft.Extensions.Configuration;

namespace AccountApi.TestInfrastructure;

/// <summary>
/// The development data, read from the development host's <c>appsettings.Development.json</c> (copied beside the
/// tests), so the tests and the host cannot disagree. Tests name its users and clients by the role they play.
/// </summary>
public static class DevData
{
    /// <summary>The path the provider is mapped under in these tests: the root, as the development host maps it.</summary>
    public const string Prefix = "";

    // Copied beside the tests by this project, in a folder so that WebApplication.CreateBuilder does not load it too.
    private static readonly IConfigurationRoot s_settings = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "DevData", "appsettings.Development.json"), optional: false)
        .Build();

    private static readonly IConfigurationSection s_section = s_settings.GetSection(DevIdentityOptions.SectionName);

    public static DevIdentityOptions Options { get; } = s_section.Get<DevIdentityOptions>()
        ?? throw new InvalidOperationException($"The development settings have no {DevIdentityOptions.SectionName} section.");

    public static string BaseAddress => Options.PublicBaseAddress;

    public static string ApiClientId => Options.Api.ClientId;

    public static string ApiScopePrefix => $"api://{ApiClientId}/";

    /// <summary>The scope the API requires (<c>AzureAd:Scopes</c>), in the form clients request it.</summary>
    public static string AccountRead => ApiScopePrefix + s_settings["AzureAd:Scopes"];

    public static string ContosoTenantId => Options.Directories["Contoso"].TenantId;

    public static string FabrikamTenantId => Options.Directories["Fabrikam"].TenantId;

    /// <summary>A Contoso user.</summary>
    public static DevIdentityUserOptions AliceUser => Options.Directories["Contoso"].Users[0];

    public static string Alice => AliceUser.UserName;

    public static string AliceObjectId => AliceUser.ObjectId;

    /// <summary>Another Contoso user.</summary>
    public static DevIdentityUserOptions CarolUser => Options.Directories["Contoso"].Users[1];

    public static string Carol => CarolUser.UserName;

    /// <summary>A Fabrikam user.</summary>
    public static string Bob => Options.Directories["Fabrikam"].Users[0].UserName;

    /// <summary>The confidential client with a redirect URI (the seed's CLI).</summary>
    public static DevIdentityClientOptions Cli => Options.Clients["account-cli"];

    public static string CliClientId => Cli.ClientId;

    public static string CliSecret => Cli.ClientSecret!;

    public static string CliRedirect => Cli.RedirectUris[0];

    /// <summary>The public client (PKCE) of Swagger UI and the sample single-page app.</summary>
    public static DevIdentityClientOptions Spa => Options.Clients["account-spa"];

    public static string SpaClientId => Spa.ClientId;

    /// <summary>The sample app's redirect URI (the other one is Swagger UI's).</summary>
    public static string SpaRedirect => Spa.RedirectUris.Single(uri => !uri.Contains("swagger", StringComparison.Ordinal));

    /// <summary>The confidential client allowed the client credentials grant.</summary>
    public static DevIdentityClientOptions Daemon => Options.Clients["account-daemon"];

    public static string DaemonClientId => Daemon.ClientId;

    public static string DaemonSecret => Daemon.ClientSecret!;

    /// <summary>The operator's confidential client, with the revocation app role.</summary>
    public static DevIdentityClientOptions Operator => Options.Clients["account-operator"];

    public static string OperatorClientId => Operator.ClientId;

    public static string OperatorSecret => Operator.ClientSecret!;

    /// <summary>The service's own confidential client for Microsoft Graph, with <c>User.RevokeSessions.All</c>.</summary>
    public static DevIdentityClientOptions GraphClient => Options.Clients["account-api-graph"];

    public static string GraphClientId => GraphClient.ClientId;

    public static string GraphClientSecret => GraphClient.ClientSecret!;

    /// <summary>
    /// Fills <c>{ApiScopePrefix}</c>, <c>{ApiClientId}</c> and <c>{CliRedirect}</c> in a theory's inline value, so the
    /// value is derived from the development data instead of restating it.
    /// </summary>
    public static string? Fill(string? template) => template?
        .Replace("{ApiScopePrefix}", ApiScopePrefix, StringComparison.Ordinal)
        .Replace("{ApiClientId}", ApiClientId, StringComparison.Ordinal)
        .Replace("{CliRedirect}", CliRedirect, StringComparison.Ordinal);

    /// <summary>The development settings as configuration keys, with the test's own key file (never the developer's).</summary>
    public static Dictionary<string, string?> Settings(string signingKeyPath)
    {
        var settings = s_section.AsEnumerable()
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Value, StringComparer.OrdinalIgnoreCase);
        settings[$"{DevIdentityOptions.SectionName}:SigningKeyPath"] = signingKeyPath;
        return settings;
    }
}
