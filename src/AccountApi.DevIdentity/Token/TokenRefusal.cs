using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Token;

/// <summary>Logs a refused token request (reason only) and builds its RFC 6749 §5.2 response.</summary>
internal static class TokenRefusal
{
    public static IResult Create(ILogger logger, string grantType, string error, string description, int? code = null) =>
        Create(logger, grantType, new OAuthError(error, description, code));

    public static IResult Create(ILogger logger, string grantType, OAuthError error)
    {
        logger.TokenRequestRefused(grantType, error.Error, error.Description);
        return OAuthResults.Error(error);
    }
}
