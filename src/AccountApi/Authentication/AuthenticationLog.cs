namespace AccountApi.Authentication;

internal static partial class AuthenticationLog
{
    // The validator's message (IDX…) goes to the log only; IdentityModel hides PII in it, and the token itself is never logged.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Bearer token rejected ({Reason}): {ValidationMessage}")]
    public static partial void TokenRejected(ILogger logger, string reason, string validationMessage);
}
