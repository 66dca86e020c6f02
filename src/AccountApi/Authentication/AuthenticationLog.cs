namespace AccountApi.Authentication;

internal static partial class AuthenticationLog
{
    // The validator's message (IDX…) goes to the log only; IdentityModel hides PII in it, and the token itself is never logged.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Bearer token rejected ({Reason}): {ValidationMessage}")]
    public static partial void TokenRejected(ILogger logger, string reason, string validationMessage);

    // An outage, not a caller's mistake: an operator must see it.
    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Bearer token not checked ({Reason}): the authority's metadata could not be fetched. {ValidationMessage}")]
    public static partial void AuthorityUnavailable(ILogger logger, string reason, string validationMessage);

    // A revoked token in use may be a stolen one.
    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Revoked bearer token presented ({Reason}): {ValidationMessage}")]
    public static partial void RevokedTokenPresented(ILogger logger, string reason, string validationMessage);
}
