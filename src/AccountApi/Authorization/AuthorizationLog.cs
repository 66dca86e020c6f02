using AccountApi.Logging;

namespace AccountApi.Authorization;

internal static partial class AuthorizationLog
{
    // The tenancy is the well-formed X-Tenant-ID the caller sent (letters, digits, '-'), or null; never a token.
    [LoggerMessage(EventId = EventIds.RequestRefused, Level = LogLevel.Information, Message = "Request refused with 403 {Reason} (tenancy {Tenancy}).")]
    public static partial void Refused(ILogger logger, string reason, string? tenancy);
}
