using AccountApi.Logging;

namespace AccountApi.Refusals;

internal static partial class RefusalLog
{
    // The tenancy is the well-formed X-Tenant-ID an authenticated caller sent (letters, digits, '-'), or null; never a token.
    [LoggerMessage(EventId = EventIds.RequestRefused, Level = LogLevel.Information, Message = "Request refused with 403 {Reason} (tenancy {Tenancy}).")]
    public static partial void Refused(ILogger logger, string reason, string? tenancy);
}
