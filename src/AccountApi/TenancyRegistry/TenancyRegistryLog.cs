using AccountApi.Logging;

namespace AccountApi.TenancyRegistry;

internal static partial class TenancyRegistryLog
{
    [LoggerMessage(EventId = EventIds.TenancyRegistryLoaded, Level = LogLevel.Information, Message = "Tenancy registry loaded: {Count} tenancies in force, up to change {Sequence}, in {Milliseconds:0} ms.")]
    public static partial void Loaded(ILogger logger, int count, long sequence, double milliseconds);

    [LoggerMessage(EventId = EventIds.TenancyRegistrySeeded, Level = LogLevel.Information, Message = "The tenancy registry was empty: {Count} tenancies imported from the Tenancies section (the seed; later changes go through the admin API).")]
    public static partial void Seeded(ILogger logger, int count);

    [LoggerMessage(EventId = EventIds.TenancyRegistryUnreachable, Level = LogLevel.Error, Message = "The tenancy registry cannot be read ({Failure}): the last copy stays in force, admin writes are answered 503 until it is back.")]
    public static partial void Unreachable(ILogger logger, string failure);

    [LoggerMessage(EventId = EventIds.TenancyRegistryRecovered, Level = LogLevel.Information, Message = "The tenancy registry is reachable again: caught up to change {Sequence}.")]
    public static partial void Recovered(ILogger logger, long sequence);

    // The audit trail of the registry: which operator application changed which tenancy (names and ids only).
    [LoggerMessage(EventId = EventIds.TenancyChanged, Level = LogLevel.Warning, Message = "Tenancy '{Tenancy}' {Change} (change {Sequence}) at the request of {RequestedBy}.")]
    public static partial void Changed(ILogger logger, string tenancy, string change, long sequence, string requestedBy);

    [LoggerMessage(EventId = EventIds.TenancyWriteFailed, Level = LogLevel.Error, Message = "A tenancy change requested by {RequestedBy} was not written (answered 503): {Failure}")]
    public static partial void WriteFailed(ILogger logger, string requestedBy, string failure);

    [LoggerMessage(EventId = EventIds.TenanciesImported, Level = LogLevel.Warning, Message = "{Count} tenancies imported in one transaction at the request of {RequestedBy}.")]
    public static partial void Imported(ILogger logger, int count, string requestedBy);

    [LoggerMessage(EventId = EventIds.TenancyRegistryLoadFailed, Level = LogLevel.Error, Message = "Loading the tenancy registry failed; trying again (meanwhile tenancies are read one by one).")]
    public static partial void LoadFailed(ILogger logger, Exception exception);
}
