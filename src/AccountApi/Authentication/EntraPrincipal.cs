using System.Security.Claims;
using AccountApi.Entra;

namespace AccountApi.Authentication;

/// <summary>What a validated Entra ID principal is, read from its raw claims.</summary>
internal static class EntraPrincipal
{
    /// <summary>
    /// An application acting on its own (client credentials). Entra marks app-only tokens with <c>idtyp=app</c> when
    /// that optional claim is on; without it they still carry no <c>scp</c>.
    /// </summary>
    public static bool IsAppOnly(this ClaimsPrincipal user) =>
        user.HasClaim(EntraClaimNames.IdentityType, "app") || !user.HasClaim(claim => claim.Type == EntraClaimNames.Scope);
}
