namespace AccountApi.Authorization;

internal static partial class AuthorizationLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Request refused with 403 {Reason}.")]
    public static partial void Refused(ILogger logger, string reason);
}
