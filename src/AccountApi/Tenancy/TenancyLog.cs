namespace AccountApi.Tenancy;

internal static partial class TenancyLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Tenancies reloaded: {Count} in force.")]
    public static partial void Reloaded(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Tenancies configuration rejected; the last valid set stays in force. {Errors}")]
    public static partial void ReloadRejected(ILogger logger, string errors);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Tenancy refused: no X-Tenant-ID.")]
    public static partial void Missing(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Tenancy refused: {Count} X-Tenant-ID values.")]
    public static partial void SeveralValues(ILogger logger, int count);

    // The value itself is not logged: it failed the syntax check and could hold anything.
    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Tenancy refused: malformed X-Tenant-ID of {Length} characters.")]
    public static partial void Malformed(ILogger logger, int length);

    // A well-formed name (letters, digits, '-'), safe to log; unknown and forbidden tenancies get the same answer.
    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Tenancy '{Tenancy}' refused: {Detail}.")]
    public static partial void NotPermitted(ILogger logger, string tenancy, string detail);
}
