using AccountApi.Logging;

namespace AccountApi.Tenancy;

internal static partial class TenancyLog
{
    [LoggerMessage(EventId = EventIds.TenancyMissing, Level = LogLevel.Information, Message = "Tenancy refused: no X-Tenant-ID.")]
    public static partial void Missing(ILogger logger);

    [LoggerMessage(EventId = EventIds.TenancySeveralValues, Level = LogLevel.Information, Message = "Tenancy refused: {Count} X-Tenant-ID values.")]
    public static partial void SeveralValues(ILogger logger, int count);

    // The value itself is not logged: it failed the syntax check and could hold anything.
    [LoggerMessage(EventId = EventIds.TenancyMalformed, Level = LogLevel.Information, Message = "Tenancy refused: malformed X-Tenant-ID of {Length} characters.")]
    public static partial void Malformed(ILogger logger, int length);

    // The caller's directory is admitted; what the tenancy asks beyond the API is missing from its token.
    [LoggerMessage(EventId = EventIds.TenancyPolicyNotMet, Level = LogLevel.Information, Message = "Tenancy '{Tenancy}' refused: the token lacks its {Requirement} {Value}.")]
    public static partial void PolicyNotMet(ILogger logger, string tenancy, string requirement, string value);

    // A well-formed name (letters, digits, '-'), safe to log; unknown and forbidden tenancies get the same answer.
    [LoggerMessage(EventId = EventIds.TenancyNotPermitted, Level = LogLevel.Information, Message = "Tenancy '{Tenancy}' refused: {Detail}.")]
    public static partial void NotPermitted(ILogger logger, string tenancy, string detail);
}
