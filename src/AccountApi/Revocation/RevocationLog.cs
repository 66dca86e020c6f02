namespace AccountApi.Revocation;

internal static partial class RevocationLog
{
    // The audit trail of cut-offs: who was cut off, from when, and on whose request (the user, or an operator's azp).
    // Subjects are directory and object ids, never names or tokens.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Tokens of subject {Subject} issued before {IssuedBefore:O} revoked at the request of {RequestedBy}.")]
    public static partial void SubjectRevoked(ILogger logger, string subject, DateTimeOffset issuedBefore, string requestedBy);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Revocation of subject {Subject} requested by {RequestedBy} could not be recorded; nothing was revoked: {Failure}")]
    public static partial void SubjectNotRevoked(ILogger logger, string subject, string requestedBy, string failure);
}
