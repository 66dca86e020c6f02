using AccountApi.Logging;

namespace AccountApi.RateLimiting;

internal static partial class RateLimitLog
{
    // The partition says whose budget ran out: an address, a tid/oid or tid/azp pair, or a tenancy name; never a token.
    [LoggerMessage(EventId = EventIds.RateLimited, Level = LogLevel.Information, Message = "Request refused with 429 rate_limited: the {Tier} limit of {Partition} is spent.")]
    public static partial void Rejected(ILogger logger, string tier, string partition);

    [LoggerMessage(EventId = EventIds.RateLimitsLocalOnly, Level = LogLevel.Warning, Message = "Redis is unreachable: the per-caller, per-operator and per-tenancy rate limits are this instance's own until it is back (the fleet may admit up to one budget per instance).")]
    public static partial void LocalOnly(ILogger logger);

    [LoggerMessage(EventId = EventIds.RateLimitsSharedAgain, Level = LogLevel.Information, Message = "Redis is reachable: the rate limits are shared across instances again.")]
    public static partial void SharedAgain(ILogger logger);

    [LoggerMessage(EventId = EventIds.RateLimitLeaseFailed, Level = LogLevel.Warning, Message = "A block of rate-limit permits could not be taken from Redis: {Failure}")]
    public static partial void LeaseFailed(ILogger logger, string failure);
}
