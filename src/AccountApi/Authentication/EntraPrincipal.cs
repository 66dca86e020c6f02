using System.Security.Claims;
using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.Authentication;

/// <summary>What a validated Entra ID principal is, read from its raw claims.</summary>
internal static class EntraPrincipal
{
    /// <summary>
    /// An application acting on its own (client credentials): no <c>scp</c>, and marked as such, either by
    /// <c>idtyp=app</c> (an optional claim the API's registration should turn on) or by <c>sub</c> equal to <c>oid</c>
    /// (Entra writes the service principal's id in both; a user's <c>sub</c> is pairwise and never equals the
    /// <c>oid</c>). A missing <c>scp</c> alone proves nothing: a user token carries <c>roles</c> and no <c>scp</c>
    /// when the role is assignable to users.
    /// </summary>
    public static bool IsAppOnly(this ClaimsPrincipal user) =>
        !user.HasClaim(claim => claim.Type == EntraClaimNames.Scope)
        && (user.HasClaim(EntraClaimNames.IdentityType, "app") || IsOwnSubject(user));

    /// <summary>A signed-in user's (delegated) token: neither marked as an application's nor app-only.</summary>
    public static bool IsDelegated(this ClaimsPrincipal user) =>
        !user.HasClaim(EntraClaimNames.IdentityType, "app") && !user.IsAppOnly();

    private static bool IsOwnSubject(ClaimsPrincipal user) =>
        user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { Length: > 0 } subject
        && string.Equals(subject, user.FindFirst(EntraClaimNames.ObjectId)?.Value, StringComparison.OrdinalIgnoreCase);
}
