using AccountApi.Logging;

namespace AccountApi.Authentication;

internal static partial class AuthenticationLog
{
    // The validator's message (IDX…) goes to the log only; IdentityModel hides PII in it, and the token itself is never logged.
    [LoggerMessage(EventId = EventIds.TokenRejected, Level = LogLevel.Information, Message = "Bearer token rejected ({Reason}): {ValidationMessage}")]
    public static partial void TokenRejected(ILogger logger, string reason, string validationMessage);

    // An outage, not a caller's mistake: an operator must see it, once when it starts rather than once per request.
    [LoggerMessage(EventId = EventIds.AuthorityUnavailable, Level = LogLevel.Error, Message = "The authority's metadata cannot be fetched from {Address}: {Failure} Requests that need its keys are answered 503 authority_unavailable until it can.")]
    public static partial void AuthorityUnavailable(ILogger logger, string address, string failure);

    [LoggerMessage(EventId = EventIds.AuthorityRecovered, Level = LogLevel.Information, Message = "The authority's metadata can be fetched again from {Address}, after {Duration}.")]
    public static partial void AuthorityRecovered(ILogger logger, string address, TimeSpan duration);

    [LoggerMessage(EventId = EventIds.TokenNotChecked, Level = LogLevel.Debug, Message = "Bearer token not checked ({Reason}): {Failure}")]
    public static partial void TokenNotChecked(ILogger logger, string reason, string failure);

    // A revoked token in use may be a stolen one. The revocation is "token" (by digest) or "subject" (a cut-off).
    [LoggerMessage(EventId = EventIds.RevokedTokenPresented, Level = LogLevel.Warning, Message = "Revoked bearer token presented ({Reason}, {Revocation} revocation): {ValidationMessage}")]
    public static partial void RevokedTokenPresented(ILogger logger, string reason, string revocation, string validationMessage);
}
