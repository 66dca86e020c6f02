using AccountApi.Logging;

namespace AccountApi.Revocation;

internal static partial class RevocationLog
{
    // The audit trail of cut-offs: who was cut off, from when, and on whose request (the user, or an operator's azp).
    // Subjects are directory and object ids, never names or tokens.
    [LoggerMessage(EventId = EventIds.SubjectRevoked, Level = LogLevel.Warning, Message = "Tokens of subject {Subject} issued before {IssuedBefore:O} revoked at the request of {RequestedBy}.")]
    public static partial void SubjectRevoked(ILogger logger, string subject, DateTimeOffset issuedBefore, string requestedBy);

    [LoggerMessage(EventId = EventIds.SubjectNotRevoked, Level = LogLevel.Error, Message = "Revocation of subject {Subject} requested by {RequestedBy} could not be shared with every instance (answered 503): {Failure}")]
    public static partial void SubjectNotRevoked(ILogger logger, string subject, string requestedBy, string failure);

    [LoggerMessage(EventId = EventIds.RedisLost, Level = LogLevel.Error, Message = "Redis connection lost ({ConnectionType}, {FailureType}): the last known revocations are still enforced, new ones are answered 503 revocation_unavailable until it is back.")]
    public static partial void RedisLost(ILogger logger, string connectionType, string failureType);

    [LoggerMessage(EventId = EventIds.RedisLoaded, Level = LogLevel.Information, Message = "Revocations loaded from Redis: {Count} entries.")]
    public static partial void RedisLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = EventIds.RedisLoadFailed, Level = LogLevel.Error, Message = "Revocations could not be loaded from Redis ({Failure}); retried on reconnection.")]
    public static partial void RedisLoadFailed(ILogger logger, string failure);

    // Anyone who can write to the channel could only add revocations, never remove one; a malformed one is ignored.
    // The entry is shown (ids and an instant, never a token, at most 200 characters) so an operator can delete its key.
    [LoggerMessage(EventId = EventIds.MalformedRevocation, Level = LogLevel.Warning, Message = "A revocation read from Redis was ignored ({Problem}): '{Entry}'.")]
    public static partial void MalformedRevocation(ILogger logger, string problem, string entry);

    [LoggerMessage(EventId = EventIds.RevocationsNearlyFull, Level = LogLevel.Warning, Message = "{Count} revocations are held, of at most {MaxEntries} (Revocation:MaxEntries): beyond it new revocations are answered 503.")]
    public static partial void NearlyFull(ILogger logger, int count, int maxEntries);

    [LoggerMessage(EventId = EventIds.RevocationsStale, Level = LogLevel.Error, Message = "No confirmation from Redis for longer than Revocation:MaxStaleness ({MaxStaleness}): this instance may miss revocations made elsewhere, so authenticated requests are answered 503 revocation_unavailable and readiness is Unhealthy until it has caught up.")]
    public static partial void Stale(ILogger logger, TimeSpan maxStaleness);

    [LoggerMessage(EventId = EventIds.RevocationsCaughtUp, Level = LogLevel.Information, Message = "Caught up with Redis after {Outage}: revocations re-read ({Count} entries), requests served again.")]
    public static partial void CaughtUp(ILogger logger, TimeSpan outage, int count);
}
