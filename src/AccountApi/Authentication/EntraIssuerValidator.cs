using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// Entra ID v2.0's issuer rule, decided locally: <c>iss</c> must be <c>{Instance}{tid}/v2.0</c> for the token's own
/// <c>tid</c> (and, for a single-tenant API, that <c>tid</c> must be the configured directory). Set here so that
/// Identity.Web does not install its AadIssuerValidator, which, for an issuer that does not match, fetches metadata on
/// its own (outside JwtBearer's backchannel) and would accept v1.0 (<c>sts.windows.net</c>) tokens.
/// </summary>
internal static class EntraIssuerValidator
{
    public static IssuerValidator Create(AzureAdOptions settings) => (issuer, token, _) =>
    {
        // tid as Entra writes it: a hyphenated GUID ("D"), in any letter case; braces, parentheses or bare hex are not a tid.
        if (!Guid.TryParseExact(DirectoryOf(token), "D", out var directoryId))
        {
            throw new SecurityTokenInvalidIssuerException("The token has no directory id (tid) to check its issuer against.") { InvalidIssuer = issuer };
        }

        if (!settings.IsMultiTenant && !directoryId.Equals(Guid.Parse(settings.TenantId)))
        {
            throw new SecurityTokenInvalidIssuerException("The token was issued by a directory this single-tenant API does not accept.") { InvalidIssuer = issuer };
        }

        // The issuer exactly as Entra writes it, with the lower-case GUID, however the token spelled its tid.
        var expected = EntraUrls.Issuer(settings.NormalizedInstance, directoryId);
        if (!string.Equals(issuer, expected, StringComparison.Ordinal))
        {
            throw new SecurityTokenInvalidIssuerException($"The token's issuer is not the v2.0 issuer of its directory ({expected}).") { InvalidIssuer = issuer };
        }

        return issuer;
    };

    // JwtBearer validates with JsonWebTokenHandler: any other token type has no directory here, and its issuer is refused.
    private static string? DirectoryOf(SecurityToken token) =>
        token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(EntraClaimNames.DirectoryId, out var tid) ? tid : null;
}
