using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Logging;

/// <summary>
/// The provider's log messages, with stable event ids. They carry reason codes, client and user names and key ids,
/// never a code, token or secret.
/// </summary>
internal static partial class DevIdentityLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Development identity provider enabled at {PublicBaseAddress}; it issues real tokens for configured test users and must never run outside Development.")]
    public static partial void ProviderEnabled(this ILogger logger, string publicBaseAddress);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Loaded signing key {KeyId} from {Path}.")]
    public static partial void SigningKeyLoaded(this ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Created signing key {KeyId} at {Path}.")]
    public static partial void SigningKeyCreated(this ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Rotated signing key: {KeyId} is current, {PreviousKeyId} is still published.")]
    public static partial void SigningKeyRotated(this ILogger logger, string keyId, string previousKeyId);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Authorize request refused: {Error}: {Description}")]
    public static partial void AuthorizeRefused(this ILogger logger, string error, string description);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Issued an authorization code to client {ClientName} for {UserName}.")]
    public static partial void AuthorizationCodeIssued(this ILogger logger, string clientName, string userName);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Sign-in form refused: {Reason}")]
    public static partial void SignInFormRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Issued tokens to client {ClientName} ({GrantType}).")]
    public static partial void TokensIssued(this ILogger logger, string clientName, string grantType);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Token request refused ({GrantType}): {Error}: {Description}")]
    public static partial void TokenRequestRefused(this ILogger logger, string grantType, string error, string description);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Authorization code reused by client {ClientName}; revoked its grant and {Count} access token(s).")]
    public static partial void AuthorizationCodeReused(this ILogger logger, string clientName, int count);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Replaced refresh token presented by client {ClientName}; revoked the grant and {Count} access token(s).")]
    public static partial void RefreshTokenReused(this ILogger logger, string clientName, int count);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Token request refused ({GrantType}): client authentication failed: {Reason}")]
    public static partial void ClientAuthenticationFailed(this ILogger logger, string grantType, string reason);
}
