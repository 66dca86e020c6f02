using AccountApi.Logging;

namespace AccountApi.RateLimiting;

internal static partial class RateLimitLog
{
    // The partition says whose budget ran out: an address, a tid/oid or tid/azp pair, or a tenancy name; never a token.
    [LoggerMessage(EventId = EventIds.RateLimited, Level = LogLevel.Information, Message = "Request refused with 429 rate_limited: the {Tier} limit of {Partition} is spent.")]
    public static partial void Rejected(ILogger logger, string tier, string partition);
}
