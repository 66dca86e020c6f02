using AccountApi.Logging;

namespace AccountApi.SignInSessions;

internal static partial class SignInSessionLog
{
    // Beside the API's cut-off (event 4001): the user's Entra sessions ended too. Ids only, never a token.
    [LoggerMessage(EventId = EventIds.SignInSessionsRevoked, Level = LogLevel.Warning, Message = "Entra sign-in sessions of subject {Subject} ended through Microsoft Graph at the request of {RequestedBy}.")]
    public static partial void Revoked(ILogger logger, string subject, string requestedBy);

    [LoggerMessage(EventId = EventIds.SignInSessionsTokenRefused, Level = LogLevel.Error, Message = "Entra sign-in sessions of subject {Subject} (requested by {RequestedBy}) were not ended: the authority refused the Graph token ({ErrorCode}, HTTP {Status}). Check Revocation:Graph and that the application's User.RevokeSessions.All is consented in that directory.")]
    public static partial void TokenRefused(ILogger logger, string subject, string requestedBy, string errorCode, int status);

    [LoggerMessage(EventId = EventIds.SignInSessionsGraphRefused, Level = LogLevel.Error, Message = "Entra sign-in sessions of subject {Subject} (requested by {RequestedBy}) were not ended: Microsoft Graph answered HTTP {Status} ({ErrorCode}).")]
    public static partial void GraphRefused(ILogger logger, string subject, string requestedBy, int status, string errorCode);

    [LoggerMessage(EventId = EventIds.SignInSessionsUnreachable, Level = LogLevel.Error, Message = "Entra sign-in sessions of subject {Subject} (requested by {RequestedBy}) were not ended: {Party} could not be reached in time ({Failure}).")]
    public static partial void Unreachable(ILogger logger, string subject, string requestedBy, string party, string failure);
}
