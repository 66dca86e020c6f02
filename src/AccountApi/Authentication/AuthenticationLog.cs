namespace AccountApi.Authentication;

internal static partial class AuthenticationLog
{
    // The validator's message (IDX…) goes to the log only; IdentityModel hides PII in it, and the token itself is never logged.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Bearer token rejected ({Reason}): {ValidationMessage}")]
    public static partial void TokenRejected(ILogger logger, string reason, string validationMessage);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Bearer token rejected: it has been revoked (token id {TokenId}).")]
    public static partial void TokenRevoked(ILogger logger, string tokenId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Bearer token rejected: required claim '{Claim}' is missing.")]
    public static partial void RequiredClaimMissing(ILogger logger, string claim);
}
