using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Logging;

/// <summary>
/// The provider's log messages, with stable event ids. They carry reason codes, client and user names and key ids,
/// never a code, token or secret. Messages that carry client-supplied text (a grant type, or a description quoting
/// a parameter) pass it through <see cref="LogValue"/> here, so no caller can forget to.
/// </summary>
internal static partial class DevIdentityLog
{
    // Our descriptions with the client values they quote (each already cut to LogValue.MaxLength) fit well within this.
    private const int MaxDescriptionLength = 1000;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Development identity provider enabled at {PublicBaseAddress}; it issues real tokens for configured test users and must never run outside Development.")]
    public static partial void ProviderEnabled(this ILogger logger, string publicBaseAddress);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Loaded signing key {KeyId} from {Path}.")]
    public static partial void SigningKeyLoaded(this ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Created signing key {KeyId} at {Path}.")]
    public static partial void SigningKeyCreated(this ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Rotated signing key: {KeyId} is current, {PreviousKeyId} is still published.")]
    public static partial void SigningKeyRotated(this ILogger logger, string keyId, string previousKeyId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Signing key file {Path} could be used by other users (mode {Mode}); set it to owner read/write only (0600).")]
    public static partial void SigningKeyFileModeTightened(this ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Signing key file {Path} was in the JSON format of an earlier version and was removed; signing with key {KeyId} now. Tokens signed with the old key no longer validate: sign in again.")]
    public static partial void LegacySigningKeyFileReplaced(this ILogger logger, string path, string keyId);

    public static void AuthorizeRefused(this ILogger logger, string error, string description)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var safeDescription = LogValue.Sanitize(description, MaxDescriptionLength);
            LogAuthorizeRefused(logger, error, safeDescription);
        }
    }

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Issued an authorization code to client {ClientName} for {UserName}.")]
    public static partial void AuthorizationCodeIssued(this ILogger logger, string clientName, string userName);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Sign-in form refused: {Reason}")]
    public static partial void SignInFormRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Issued tokens to client {ClientName} ({GrantType}).")]
    public static partial void TokensIssued(this ILogger logger, string clientName, string grantType);

    public static void TokenRequestRefused(this ILogger logger, string grantType, string error, string description)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var safeGrantType = LogValue.Sanitize(grantType);
            var safeDescription = LogValue.Sanitize(description, MaxDescriptionLength);
            LogTokenRequestRefused(logger, safeGrantType, error, safeDescription);
        }
    }

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Authorization code reused by client {ClientName}; revoked its grant and {Count} access token(s).")]
    public static partial void AuthorizationCodeReused(this ILogger logger, string clientName, int count);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Replaced refresh token presented by client {ClientName}; revoked the grant and {Count} access token(s).")]
    public static partial void RefreshTokenReused(this ILogger logger, string clientName, int count);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Sign-in sessions of user {ObjectId} revoked through Graph by client {ClientId}: {Count} grant(s) ended; sessions started before now are no longer honoured.")]
    public static partial void SignInSessionsRevoked(this ILogger logger, Guid objectId, string clientId, int count);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "Authorization code spent by a failed redemption from client {ClientName} ({Error}); it can no longer be redeemed.")]
    public static partial void AuthorizationCodeSpent(this ILogger logger, string clientName, string error);

    public static void ClientAuthenticationFailed(this ILogger logger, string grantType, string reason)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var safeGrantType = LogValue.Sanitize(grantType);
            LogClientAuthenticationFailed(logger, safeGrantType, reason);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Authorize request refused: {Error}: {Description}")]
    private static partial void LogAuthorizeRefused(ILogger logger, string error, string description);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Token request refused ({GrantType}): {Error}: {Description}")]
    private static partial void LogTokenRequestRefused(ILogger logger, string grantType, string error, string description);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Token request refused ({GrantType}): client authentication failed: {Reason}")]
    private static partial void LogClientAuthenticationFailed(ILogger logger, string grantType, string reason);
}
