using AccountApi.Logging;

namespace AccountApi.TokenCache;

internal static partial class TokenCacheLog
{
    [LoggerMessage(EventId = EventIds.SigningKeysWithdrawn, Level = LogLevel.Information, Message = "The authority withdrew {Keys} signing key(s); {Dropped} cached token(s) signed with them were dropped.")]
    public static partial void KeysWithdrawn(ILogger logger, int keys, int dropped);
}
