using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Tenancy;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// The provider's own services the token handler needs, injected as one parameter (like <c>AuthorizeServices</c>).
/// The host's <see cref="IAccessTokenRevocationSink"/> is not among them: it may be scoped, so the handler takes it
/// per request.
/// </summary>
internal sealed class TokenServices(
    TenantResolver resolver,
    ClientAuthenticator authenticator,
    AuthorizationCodeGrantHandler authorizationCode,
    RefreshTokenGrantHandler refreshToken,
    ClientCredentialsGrantHandler clientCredentials,
    ILogger<TokenServices> logger)
{
    public TenantResolver Resolver { get; } = resolver;

    public ClientAuthenticator Authenticator { get; } = authenticator;

    public AuthorizationCodeGrantHandler AuthorizationCode { get; } = authorizationCode;

    public RefreshTokenGrantHandler RefreshToken { get; } = refreshToken;

    public ClientCredentialsGrantHandler ClientCredentials { get; } = clientCredentials;

    public ILogger Logger { get; } = logger;
}
