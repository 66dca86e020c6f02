using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Signing;
using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// The one place tokens take their shape: RS256 with the current key's <c>kid</c>, the issuer of the user's
/// directory, whole-second times, <c>ver: 2.0</c>, and the identity claims access tokens and id_tokens share.
/// </summary>
internal sealed class JwtSigner(DevIdentityCatalog catalog, SigningKeyStore keys, TimeProvider timeProvider)
{
    private const string TokenVersion = "2.0";
    private static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Every claim the provider's tokens carry, for discovery's <c>claims_supported</c>.</summary>
    public static IReadOnlyList<string> EmittedClaims { get; } =
    [
        JwtRegisteredClaimNames.Aud, JwtRegisteredClaimNames.Iss, JwtRegisteredClaimNames.Iat, JwtRegisteredClaimNames.Nbf,
        JwtRegisteredClaimNames.Exp, EntraClaimNames.DirectoryId, EntraClaimNames.ObjectId, JwtRegisteredClaimNames.Sub,
        JwtRegisteredClaimNames.Name, JwtRegisteredClaimNames.PreferredUsername, JwtRegisteredClaimNames.Nonce, EntraClaimNames.Scope,
        EntraClaimNames.Roles, JwtRegisteredClaimNames.Azp, EntraClaimNames.AuthorizedPartyAuthentication, EntraClaimNames.Version,
        EntraClaimNames.UniqueTokenId, EntraClaimNames.IdentityType, EntraClaimNames.ClientCapabilities,
    ];

    /// <summary>Now, cut to whole seconds: JWT times are seconds, so exp - iat stays equal to the lifetime.</summary>
    public DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>The claims that say who the user is; <c>sub</c> is pairwise for <paramref name="subjectApplicationId"/>.</summary>
    public static Dictionary<string, object> UserClaims(DevUser user, string subjectApplicationId) => new(StringComparer.Ordinal)
    {
        [EntraClaimNames.DirectoryId] = user.Directory.TenantId.ToString("D"),
        [EntraClaimNames.ObjectId] = user.ObjectId.ToString("D"),
        [JwtRegisteredClaimNames.Sub] = PairwiseSubject.For(user.ObjectId, subjectApplicationId),
        [JwtRegisteredClaimNames.Name] = user.DisplayName,
        [JwtRegisteredClaimNames.PreferredUsername] = user.UserName,
    };

    public string Sign(Guid tenantId, string audience, DateTimeOffset issuedAt, DateTimeOffset expiresAt, Dictionary<string, object> claims)
    {
        claims[EntraClaimNames.DirectoryId] = tenantId.ToString("D");
        claims[EntraClaimNames.Version] = TokenVersion;
        return s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = catalog.Urls.Issuer(tenantId),
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            TokenType = "JWT",
            SigningCredentials = new SigningCredentials(keys.Keys.Current.SecurityKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
