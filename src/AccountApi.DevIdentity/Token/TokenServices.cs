using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Directories;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// What the token handler needs, bound by minimal APIs from the container per request (<c>[AsParameters]</c>), so the
/// host's <see cref="IAccessTokenRevocationSink"/> may be scoped.
/// </summary>
internal readonly record struct TokenServices(
    DirectoryResolver Resolver,
    ClientAuthenticator Authenticator,
    AuthorizationCodeGrantHandler AuthorizationCode,
    RefreshTokenGrantHandler RefreshToken,
    ClientCredentialsGrantHandler ClientCredentials,
    IAccessTokenRevocationSink RevocationSink,
    TimeProvider TimeProvider,
    ILogger<TokenServices> Logger);
