namespace AccountApi.Accounts;

/// <summary>The signed-in caller's account within the requested tenancy.</summary>
/// <param name="Id">The user's object id (<c>oid</c>) in their directory.</param>
/// <param name="Name">The display name (<c>name</c>).</param>
/// <param name="Username">The sign-in name (<c>preferred_username</c>).</param>
/// <param name="DirectoryId">The Entra directory (<c>tid</c>) that issued the token.</param>
/// <param name="Tenancy">The tenancy named in <c>X-Tenant-ID</c>.</param>
/// <param name="Scopes">The delegated scopes the token grants (<c>scp</c>).</param>
/// <param name="Roles">The app roles the user holds (<c>roles</c>).</param>
public sealed record AccountResponse(
    string Id,
    string? Name,
    string? Username,
    string DirectoryId,
    TenancyResponse Tenancy,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Roles);
