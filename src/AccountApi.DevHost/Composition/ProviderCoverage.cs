using AccountApi.Authentication;
using AccountApi.DevIdentity;
using AccountApi.Revocation;

namespace AccountApi.DevHost.Composition;

/// <summary>
/// Everything the API's development settings name must exist in the provider (a scope, the Swagger client, the
/// operator role, every tenancy's and operator's directory), or sign-in "works" and every call is refused: this says
/// which key names what the provider lacks before anything starts.
/// </summary>
internal static class ProviderCoverage
{
    public static void Check(AzureAdOptions azureAd, DevIdentityOptions provider, IConfiguration api)
    {
        var failures = new List<string>();
        foreach (var scope in azureAd.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !provider.Api.Scopes.Contains(s, StringComparer.Ordinal)))
        {
            failures.Add($"AzureAd:Scopes names '{scope}', which DevIdentity:Api:Scopes does not offer.");
        }

        if (api["OpenApi:ClientId"] is { Length: > 0 } swaggerClient
            && !provider.Clients.Values.Any(c => c.Public && SameGuid(c.ClientId, swaggerClient)))
        {
            failures.Add($"OpenApi:ClientId '{swaggerClient}' must be a public client in DevIdentity:Clients (Swagger UI signs in with PKCE and no secret).");
        }

        if (!provider.Api.AppRoles.Contains(RevocationOptions.OperatorRole, StringComparer.Ordinal))
        {
            failures.Add($"DevIdentity:Api:AppRoles must offer '{RevocationOptions.OperatorRole}', the role the API's operator route requires.");
        }

        var directories = provider.Directories.Values.Select(d => d.TenantId).ToList();
        foreach (var directory in api.GetSection($"{RevocationOptions.SectionName}:OperatorDirectories").GetChildren())
        {
            if (!directories.Any(d => SameGuid(d, directory.Value)))
            {
                failures.Add($"{directory.Path} '{directory.Value}' is not one of DevIdentity:Directories, so no operator application can act from it.");
            }
        }

        foreach (var tenancy in api.GetSection("Tenancies").GetChildren())
        {
            foreach (var directory in tenancy.GetSection("DirectoryIds").GetChildren())
            {
                if (!directories.Any(d => SameGuid(d, directory.Value)))
                {
                    failures.Add($"{directory.Path} '{directory.Value}' is not one of DevIdentity:Directories, so no user can sign in to it.");
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("The development settings name what the provider lacks: " + string.Join(" ", failures));
        }
    }

    private static bool SameGuid(string? left, string? right) =>
        Guid.TryParse(left, out var l) && Guid.TryParse(right, out var r) && l == r;
}
