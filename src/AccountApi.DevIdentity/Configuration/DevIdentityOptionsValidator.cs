using Microsoft.Extensions.Options;

namespace AccountApi.DevIdentity.Configuration;

/// <summary>
/// Checks the <c>DevIdentity</c> section at start, so that a broken development setup fails before the first request
/// and says which key to fix: the formats, uniqueness and cross-field rules. Presence and ranges are data annotations
/// on the options classes.
/// </summary>
internal sealed class DevIdentityOptionsValidator : IValidateOptions<DevIdentityOptions>
{
    private const string Section = DevIdentityOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DevIdentityOptions options)
    {
        var failures = new List<string>();
        ValidateGeneral(options, failures);
        ValidateApi(options.Api, failures);
        var applicationIds = new HashSet<Guid>();
        if (Guid.TryParse(options.Api.ClientId, out var apiId))
        {
            applicationIds.Add(apiId);
        }

        foreach (var (clientName, client) in options.Clients)
        {
            ValidateClient($"{Section}:Clients:{clientName}", client, options.Api, applicationIds, failures);
        }

        ValidateDirectories(options, applicationIds, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateGeneral(DevIdentityOptions options, List<string> failures)
    {
        if (!IsValidBaseAddress(options.PublicBaseAddress))
        {
            failures.Add($"{Section}:PublicBaseAddress must be the absolute address the provider is served at: an https origin such as https://localhost:5443 (a path only when the provider is mapped under that prefix), or http on a loopback host (http://localhost:5080/dev-idp); no query or fragment.");
        }

        if (string.IsNullOrWhiteSpace(options.SigningKeyPath) || !Path.IsPathFullyQualified(options.SigningKeyPath))
        {
            failures.Add($"{Section}:SigningKeyPath must be an absolute file path outside the repository; remove it to use the default under the local application data folder.");
        }
    }

    // Real clients (MSAL) refuse an http authority; http stays allowed on loopback for tests and the embedded seed.
    private static bool IsValidBaseAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var address)
        && (address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback))
        && string.IsNullOrEmpty(address.Query) && string.IsNullOrEmpty(address.Fragment) && string.IsNullOrEmpty(address.UserInfo);

    private static void ValidateApi(DevIdentityApiOptions api, List<string> failures)
    {
        if (!Guid.TryParse(api.ClientId, out _))
        {
            failures.Add($"{Section}:Api:ClientId must be the API's application id, a GUID.");
        }

        ValidateNames($"{Section}:Api:Scopes", api.Scopes, failures);
        ValidateNames($"{Section}:Api:AppRoles", api.AppRoles, failures);
        if (api.Scopes.Any(s => s is ".default" or "default"))
        {
            failures.Add($"{Section}:Api:Scopes must not contain '.default' or 'default'; those are reserved for 'all scopes'.");
        }
    }

    private static void ValidateClient(
        string key, DevIdentityClientOptions client, DevIdentityApiOptions api, HashSet<Guid> applicationIds, List<string> failures)
    {
        if (!Guid.TryParse(client.ClientId, out var clientId))
        {
            failures.Add($"{key}:ClientId must be the client's application id, a GUID.");
        }
        else if (!applicationIds.Add(clientId))
        {
            failures.Add($"{key}:ClientId '{clientId}' is already used by the API or another client; application ids must be unique.");
        }

        if (client.Public && !string.IsNullOrEmpty(client.ClientSecret))
        {
            failures.Add($"{key}:ClientSecret must be removed: a public client has no secret (or set Public to false).");
        }

        if (!client.Public && string.IsNullOrWhiteSpace(client.ClientSecret))
        {
            failures.Add($"{key}:ClientSecret is required for a confidential client (or set Public to true).");
        }

        if (client.Public && client.AllowClientCredentials)
        {
            failures.Add($"{key}:AllowClientCredentials requires a confidential client; set Public to false and give it a ClientSecret.");
        }

        if (client.AllowClientCredentials && client.AppRoles.Count == 0 && client.GraphRoles.Count == 0)
        {
            failures.Add($"{key}:AppRoles must grant at least one of {Section}:Api:AppRoles (or GraphRoles one of Microsoft Graph's) when AllowClientCredentials is true.");
        }

        if (client.GraphRoles.Count > 0 && !client.AllowClientCredentials)
        {
            failures.Add($"{key}:GraphRoles are application permissions: set AllowClientCredentials for the client, or remove them.");
        }

        foreach (var role in client.GraphRoles.Where(r => !MicrosoftGraph.ApplicationPermissions.Contains(r, StringComparer.Ordinal)))
        {
            failures.Add($"{key}:GraphRoles names '{role}', which is not one of the Graph permissions this provider knows: {string.Join(", ", MicrosoftGraph.ApplicationPermissions)}.");
        }

        foreach (var role in client.AppRoles.Where(r => !api.AppRoles.Contains(r, StringComparer.Ordinal)))
        {
            failures.Add($"{key}:AppRoles names '{role}', which is not one of {Section}:Api:AppRoles.");
        }

        if (client.RedirectUris.Count == 0 && !client.AllowClientCredentials)
        {
            failures.Add($"{key}:RedirectUris must list at least one redirect URI (or set AllowClientCredentials for a daemon).");
        }

        foreach (var uri in client.RedirectUris)
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !string.IsNullOrEmpty(parsed.Fragment))
            {
                failures.Add($"{key}:RedirectUris has '{uri}', which is not an absolute URI without a fragment.");
            }
        }
    }

    private static void ValidateDirectories(DevIdentityOptions options, HashSet<Guid> applicationIds, List<string> failures)
    {
        var tenantIds = new HashSet<Guid>();
        var userNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var objectIds = new HashSet<Guid>();
        foreach (var (directoryName, directory) in options.Directories)
        {
            var key = $"{Section}:Directories:{directoryName}";
            if (!Guid.TryParse(directory.TenantId, out var tenantId))
            {
                failures.Add($"{key}:TenantId must be the directory id, a GUID.");
            }
            else if (!tenantIds.Add(tenantId) || applicationIds.Contains(tenantId))
            {
                failures.Add($"{key}:TenantId '{tenantId}' is already used by another directory or application; ids must be unique.");
            }

            for (var i = 0; i < directory.Users.Count; i++)
            {
                var user = directory.Users[i];
                if (string.IsNullOrWhiteSpace(user.UserName) || !userNames.Add(user.UserName))
                {
                    failures.Add($"{key}:Users:{i}:UserName must be set and unique across all directories.");
                }

                if (!Guid.TryParse(user.ObjectId, out var objectId) || !objectIds.Add(objectId))
                {
                    failures.Add($"{key}:Users:{i}:ObjectId must be a GUID, unique across all directories.");
                }
            }
        }
    }

    private static void ValidateNames(string key, IList<string> names, List<string> failures)
    {
        if (names.Any(n => string.IsNullOrWhiteSpace(n) || n.Any(char.IsWhiteSpace) || n.Contains('/', StringComparison.Ordinal)))
        {
            failures.Add($"{key} entries must be non-empty names without spaces or '/'.");
        }

        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            failures.Add($"{key} entries must be unique (compared case-insensitively).");
        }
    }
}
